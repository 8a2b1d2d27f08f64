package io.pluginio.broker;

import io.pluginio.PluginIoApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A replica on the default in-memory broker is healthy and ready when no Redis answers at all. */
@SpringBootTest(
        classes = PluginIoApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // nothing listens on port 1: what a machine without Redis looks like to Lettuce
        properties = "spring.data.redis.url=redis://127.0.0.1:1")
class MemoryBrokerHealthTests {

    @LocalServerPort
    int port;

    @Test
    void healthAndReadinessAreUpWithoutRedis() {
        WebTestClient client =
                WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();

        client.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        client.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }
}
