package io.pluginio.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The example plugin's webhook, end to end: {@code POST /plugin-io/api/notifications_demo/callback}
 * with the API key answers 202 {@code {"status": "ok"}} and a WebSocket client on channel {@code
 * notifications} receives the body.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "plugin-io.plugins[notifications_demo].secrets[simpleapi-api-key]=callback-test-key",
            "plugin-io.plugins[notifications_demo].secrets[ws-api-key]=socket-test-key"
        })
@AutoConfigureWebTestClient
class NotificationsCallbackTests {

    @Autowired
    WebTestClient client;

    @Autowired
    JsonMapper json;

    @LocalServerPort
    int port;

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

    private Disposable socket;

    @BeforeEach
    void listenToNotifications() throws InterruptedException {
        URI uri = URI.create("ws://127.0.0.1:" + port
                + "/plugin-io/ws/notifications_demo/notifications/?since=latest&api_key=socket-test-key");
        socket = new ReactorNettyWebSocketClient()
                .execute(
                        uri,
                        session -> session.receive()
                                .doOnNext(message -> frames.add(message.getPayloadAsText()))
                                .then())
                .subscribe();
        // The position frame: the connection is subscribed from here on.
        assertThat(frames.poll(20, TimeUnit.SECONDS)).contains("\"recovered\"");
    }

    @AfterEach
    void close() {
        socket.dispose();
    }

    private JsonNode nextMessage() throws InterruptedException {
        String frame = frames.poll(20, TimeUnit.SECONDS);
        assertThat(frame).as("a broadcast within 20 s").isNotNull();
        return json.readTree(frame).get("message");
    }

    private WebTestClient.ResponseSpec callback(String key, String body) {
        WebTestClient.RequestBodySpec request = client.post().uri("/plugin-io/api/notifications_demo/callback");
        if (key != null) {
            request = request.header("Authorization", key);
        }
        return request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    @Test
    void theCallbackAnswers202AndBroadcastsItsBody() throws InterruptedException {
        callback("callback-test-key", "{\"patient\": 42, \"text\": \"lab results ready\"}")
                .expectStatus()
                .isAccepted()
                .expectBody()
                .json("{\"status\": \"ok\"}", true);

        assertThat(nextMessage()).isEqualTo(json.readTree("{\"patient\": 42, \"text\": \"lab results ready\"}"));
    }

    @Test
    void aWrongKeyIs401AndBroadcastsNothing() throws InterruptedException {
        callback("socket-test-key", "{\"text\": \"forged\"}")
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .json("{\"error\": \"Provided credentials are invalid\"}", true);
        callback(null, "{\"text\": \"anonymous\"}")
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .json("{\"error\": \"Request has no Authorization header\"}", true);
        callback("callback-test-key", "{\"text\": \"genuine\"}").expectStatus().isAccepted();

        assertThat(nextMessage().get("text").asString()).isEqualTo("genuine");
    }

    @Test
    void aMalformedBodyIs400AndBroadcastsNothing() throws InterruptedException {
        callback("callback-test-key", "{\"text\": ")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .json("{\"error\": \"Malformed request body\"}", true);
        callback("callback-test-key", "{\"text\": \"after\"}").expectStatus().isAccepted();

        assertThat(nextMessage().get("text").asString()).isEqualTo("after");
    }
}
