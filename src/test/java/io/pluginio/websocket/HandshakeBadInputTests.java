package io.pluginio.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.pluginio.PluginIoApplication;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

    static final String CHANNEL_URL = "/plugin-io/ws/notifications_demo/notifications/";

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
        String body = refused(handshake(CHANNEL_URL, "99"))
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertNoDetails(body);
    }

    @Test
    void otherMethodsOnAChannelUrlAreRefusedWithoutExceptionDetails() {
        String body = refused(client.post().uri(CHANNEL_URL).bodyValue("{}"))
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertNoDetails(body);
    }

    @Test
    void handshakeWithOversizedHeadersOrUrlIsRefusedWith4xx() {
        refused(handshake(CHANNEL_URL, "13").header("X-Padding", "x".repeat(64 * 1024)));
        refused(handshake(CHANNEL_URL + "?pad=" + "x".repeat(64 * 1024), "13"));
        // Nothing else is disturbed: a real handshake still works.
        try (TestClient client =
                TestClient.connect(port, "/plugin-io/ws/notifications_demo/notifications/?api_key=wrong")) {
            client.assertClosedWith(4403, "Unauthorized");
        }
    }

    @Test
    void malformedPercentEncodingIsRefusedWith400BeforeTheUpgradeAndDisturbsNobody() throws IOException {
        for (String target : List.of(
                "/plugin-io/ws/notifications_demo/notifications/?api_key=%ZZ",
                "/plugin-io/ws/notifications_demo/notifications/?since=%ZZ&epoch=%",
                "/plugin-io/ws/notifications_demo/%ZZ/")) {
            assertThat(rawHandshake(target)).as(target).isEqualTo("HTTP 400, empty");
        }
        assertThat(rawHandshake("/plugin-io/ws/notifications_demo/notifications/?api_key=%41"))
                .isEqualTo("close:4403");
        assertThat(rawHandshake("/plugin-io/ws/notifications_demo/bad.channel/"))
                .isEqualTo("close:4400");
    }

    /**
     * A WebSocket handshake request for {@code uri} with {@code version}, on a connection of its own:
     * the server drops the connection after refusing an upgrade.
     */
    private WebTestClient.RequestHeadersSpec<?> handshake(String uri, String version) {
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.newConnection()))
                .baseUrl("http://127.0.0.1:" + port)
                .build()
                .get()
                .uri(uri)
                .header("Upgrade", "websocket")
                .header("Connection", "Upgrade")
                .header("Sec-WebSocket-Version", version)
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
    }

    /** Sends {@code request} and asserts a 4xx answer. */
    private static WebTestClient.ResponseSpec refused(WebTestClient.RequestHeadersSpec<?> request) {
        return request.exchange()
                .expectStatus()
                .value(status -> assertThat(HttpStatus.valueOf(status).is4xxClientError())
                        .as("status %d", status)
                        .isTrue());
    }

    /**
     * A handshake written by hand, since {@code java.net.URI} refuses malformed escapes: "close:" and
     * the close code of the server's first frame, or "HTTP " and the status when it did not upgrade.
     */
    private String rawHandshake(String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) TestClient.BOUND.toMillis());
            String request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13"
                    + "\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.readUnsignedByte());
            }
            String status = head.substring(9, 12);
            if (!status.equals("101")) {
                return "HTTP " + status + (head.toString().contains("content-length: 0") ? ", empty" : ", with a body");
            }
            int opcode = in.readUnsignedByte() & 0x0F;
            in.readUnsignedByte(); // server frames are unmasked; close payloads are short
            return opcode == 0x8 ? "close:" + in.readUnsignedShort() : "opcode:" + opcode;
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
