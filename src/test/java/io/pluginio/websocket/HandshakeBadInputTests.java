package io.pluginio.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.pluginio.PluginIoApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * Requests to a channel URL that are no WebSocket handshake get a clear 4xx, with no stack trace or
 * exception detail in the body, and the endpoint keeps serving real handshakes.
 */
@SpringBootTest(classes = PluginIoApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class HandshakeBadInputTests {

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @Test
    void plainGetOnAChannelUrlIs400WithoutExceptionDetails() {
        String body = client.get()
                .uri("/plugin-io/ws/notifications_demo/notifications/")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertNoDetails(body);
    }

    @Test
    void handshakeWithAnUnsupportedVersionIsRefusedWithoutExceptionDetails() {
        // A connection of its own: the server drops it after refusing the upgrade.
        WebTestClient unpooled = WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.newConnection()))
                .baseUrl("http://127.0.0.1:" + port)
                .build();
        String body = unpooled.get()
                .uri("/plugin-io/ws/notifications_demo/notifications/")
                .header("Upgrade", "websocket")
                .header("Connection", "Upgrade")
                .header("Sec-WebSocket-Version", "99")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .exchange()
                .expectStatus()
                .value(status -> assertThat(HttpStatus.valueOf(status).is4xxClientError())
                        .as("status %d", status)
                        .isTrue())
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertNoDetails(body);
    }

    @Test
    void otherMethodsOnAChannelUrlAreRefusedWithoutExceptionDetails() {
        String body = client.post()
                .uri("/plugin-io/ws/notifications_demo/notifications/")
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .value(status -> assertThat(HttpStatus.valueOf(status).is4xxClientError())
                        .as("status %d", status)
                        .isTrue())
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertNoDetails(body);
    }

    @Test
    void handshakeWithOversizedHeadersOrUrlIsRefusedWith4xx() {
        WebTestClient unpooled = WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.newConnection()))
                .baseUrl("http://127.0.0.1:" + port)
                .build();
        unpooled.get()
                .uri("/plugin-io/ws/notifications_demo/notifications/")
                .header("Upgrade", "websocket")
                .header("Connection", "Upgrade")
                .header("Sec-WebSocket-Version", "13")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .header("X-Padding", "x".repeat(64 * 1024))
                .exchange()
                .expectStatus()
                .value(status -> assertThat(HttpStatus.valueOf(status).is4xxClientError())
                        .as("status %d", status)
                        .isTrue());
        unpooled.get()
                .uri("/plugin-io/ws/notifications_demo/notifications/?pad=" + "x".repeat(64 * 1024))
                .header("Upgrade", "websocket")
                .header("Connection", "Upgrade")
                .header("Sec-WebSocket-Version", "13")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .exchange()
                .expectStatus()
                .value(status -> assertThat(HttpStatus.valueOf(status).is4xxClientError())
                        .as("status %d", status)
                        .isTrue());
        // Nothing else is disturbed: a real handshake still works.
        try (TestClient client =
                TestClient.connect(port, "/plugin-io/ws/notifications_demo/notifications/?api_key=wrong")) {
            client.assertClosedWith(4403, "Unauthorized");
        }
    }

    private static void assertNoDetails(String body) {
        assertThat(body == null ? "" : body)
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContain("trace")
                .doesNotContain("io.pluginio")
                .doesNotContain("org.springframework");
    }
}
