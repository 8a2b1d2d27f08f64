package io.pluginio.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code api_key} values and session tokens never reach a log line, with the access log on and
 * DEBUG logging for plugin-io and Spring's web layer.
 */
@SecurityIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
        properties = {
            "plugin-io.security.access-log.enabled=true",
            "plugin-io.security.session-token.hmac-secret=" + Tokens.HMAC_SECRET,
            "logging.level.io.pluginio=DEBUG",
            "logging.level.org.springframework.web=DEBUG",
            "logging.level.org.springframework.security=DEBUG",
        })
class ApiKeyLoggingTests {

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @Test
    void apiKeyOfARequestIsNeitherInTheAccessLogNorInSpringDebugLines(CapturedOutput output) {
        String key = secret();

        client.get()
                .uri(IdentityEcho.OK_PATH + "?api_key=" + key)
                .exchange()
                .expectStatus()
                .isOk();

        // The access log line is written once the response is flushed, possibly after the client has it.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> logged(output).contains("\"GET /sec-test/ok?api_key=redacted HTTP/1.1\" 200"));
        assertThat(logged(output)).contains("HTTP GET \"/sec-test/ok?api_key=redacted\"");
        assertThat(output.toString()).doesNotContain(key);
    }

    @Test
    void apiKeyOfAFailingRequestIsNotInTheErrorLine(CapturedOutput output) {
        String key = secret();

        client.get()
                .uri(IdentityEcho.FAILING_PATH + "?api_key=" + key)
                .exchange()
                .expectStatus()
                .is5xxServerError();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> logged(output).contains("\"GET /sec-test/fail?api_key=redacted HTTP/1.1\" 500"));
        assertThat(logged(output)).contains("500 Server Error for HTTP GET \"/sec-test/fail?api_key=redacted\"");
        assertThat(output.toString()).doesNotContain(key);
    }

    @Test
    void apiKeyOfAHandshakeIsNotInSpringDebugLines(CapturedOutput output) {
        String key = secret();
        String authorizationKey = secret();

        String frame = WebSocketClients.firstFrame(
                port, IdentityEcho.WEBSOCKET_PATH + "?since=latest&api_key=" + key, headers -> {});
        String fromHeader = WebSocketClients.firstFrame(
                port, IdentityEcho.WEBSOCKET_PATH, headers -> headers.add("Authorization", authorizationKey));

        // The echo sent the keys back: they were resolved (frames are not logged).
        assertThat(frame).contains(key);
        assertThat(fromHeader).contains(authorizationKey);
        // Reactor Netty's access log leaves upgraded connections out; Spring's DEBUG lines print the URI.
        assertThat(logged(output))
                .contains("HTTP GET \"" + IdentityEcho.WEBSOCKET_PATH + "?since=latest&api_key=redacted\"")
                .contains(IdentityEcho.WEBSOCKET_PATH + "?since=latest&api_key=redacted");
        assertThat(output.toString()).doesNotContain(key).doesNotContain(authorizationKey);
    }

    @Test
    void rejectedSessionTokenIsNotLogged(CapturedOutput output) {
        String token = Tokens.hs256(
                "some-other-secret-that-is-at-least-32-bytes",
                Tokens.claims("staff-1", "Staff").build());

        client.get()
                .uri(IdentityEcho.HTTP_PATH)
                .cookie("plugin-io-session-token", token)
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(output.getOut()).contains("Ignoring the plugin-io-session-token cookie");
        assertThat(output.toString()).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.')));
    }

    /**
     * Standard output read the same whatever the console log format: JSON formats escape quotes and
     * mask {@code api_key=redacted} once more into {@code api_key=[redacted]}.
     */
    private static String logged(CapturedOutput output) {
        return output.getOut().replace("\\\"", "\"").replace("api_key=[redacted]", "api_key=redacted");
    }

    private static String secret() {
        return "k3y" + UUID.randomUUID().toString().replace("-", "");
    }
}
