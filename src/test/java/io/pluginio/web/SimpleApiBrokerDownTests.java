package io.pluginio.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A broadcast the broker cannot accept answers 503 instead of the route's response: the Redis
 * broker pointed at a port where nothing listens.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "plugin-io.broker=redis",
            "spring.data.redis.url=redis://127.0.0.1:1",
            "plugin-io.redis.publish-timeout=500ms",
            "plugin-io.plugins[notifications_demo].secrets[simpleapi-api-key]=demo-key"
        })
@AutoConfigureWebTestClient
class SimpleApiBrokerDownTests {

    @Autowired
    WebTestClient client;

    @Test
    void aBroadcastTheBrokerRefusesIs503InsteadOfTheResponse() {
        client.post()
                .uri("/plugin-io/api/notifications_demo/callback")
                .header("Authorization", "demo-key")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\": \"hello\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody()
                .json("{\"error\": \"Broadcast not accepted: broker unavailable\"}", true);
    }
}
