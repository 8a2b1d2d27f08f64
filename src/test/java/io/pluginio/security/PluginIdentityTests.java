package io.pluginio.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.pluginio.plugin.Plugin;
import io.pluginio.plugin.StaffSessionAuth;
import io.pluginio.plugin.WebSocket;
import io.pluginio.plugin.WebSocketApi;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * End to end through the real WebSocket endpoint and SimpleAPI, with the {@code dev} profile: what
 * a plugin sees of the identity, and the example plugin with the development secrets.
 */
@SecurityIntegrationTest
@ActiveProfiles("dev")
@Import(PluginIdentityTests.ProbePlugin.class)
class PluginIdentityTests {

    /** The HMAC secret of {@code application-dev.yml}. */
    private static final String DEV_HMAC_SECRET = "dev-only-session-token-secret-0123456789abcdef";

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @BeforeEach
    void forgetWhatTheProbeSaw() {
        ProbePlugin.Channels.seen.clear();
    }

    @Test
    void pluginSeesTheSessionUserAndApiKeyOfAHandshake() throws InterruptedException {
        String token =
                Tokens.hs256(DEV_HMAC_SECRET, Tokens.claims("staff-42", "Staff").build());

        String outcome = WebSocketClients.outcome(
                port,
                "/plugin-io/ws/sec_probe/updates/?since=latest&api_key=k-1",
                headers -> headers.add("Cookie", "plugin-io-session-token=" + token)
                        .add("Canvas-Logged-In-User-Id", "patient-1"));

        assertThat(outcome).startsWith("frame:").contains("\"offset\"");
        WebSocket seen = ProbePlugin.Channels.seen.poll(10, TimeUnit.SECONDS);
        assertThat(seen).isNotNull();
        assertThat(seen.loggedInUser()).hasValueSatisfying(user -> {
            assertThat(user.id()).isEqualTo("staff-42");
            assertThat(user.isStaff()).isTrue();
        });
        assertThat(seen.apiKey()).contains("k-1");
        assertThat(seen.headers().toString()).doesNotContainIgnoringCase("canvas-logged-in-user");
    }

    @Test
    void pluginDeniesAHandshakeWhoseSessionTokenDoesNotVerify() {
        String forged = Tokens.hs256(
                "not-the-dev-secret-but-long-enough-to-sign",
                Tokens.claims("staff-42", "Staff").build());

        String outcome = WebSocketClients.outcome(
                port,
                "/plugin-io/ws/sec_probe/updates/?since=latest",
                headers -> headers.add("Cookie", "plugin-io-session-token=" + forged));

        assertThat(outcome).isEqualTo("close:4403");
    }

    @Test
    void pluginDeniesAHandshakeWhoseSessionTokenHasExpired() throws InterruptedException {
        String expired = Tokens.hs256(
                DEV_HMAC_SECRET,
                Tokens.claims("staff-42", "Staff")
                        .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1))))
                        .build());

        String outcome = WebSocketClients.outcome(
                port,
                "/plugin-io/ws/sec_probe/updates/?since=latest",
                headers -> headers.add("Cookie", "plugin-io-session-token=" + expired));

        assertThat(outcome).isEqualTo("close:4403");
        WebSocket seen = ProbePlugin.Channels.seen.poll(10, TimeUnit.SECONDS);
        assertThat(seen).isNotNull();
        assertThat(seen.loggedInUser()).isEmpty();
    }

    @Test
    void crossSiteCookieHandshakeToTheRealEndpointIsRefusedBeforeTheUpgrade() {
        String token =
                Tokens.hs256(DEV_HMAC_SECRET, Tokens.claims("staff-42", "Staff").build());

        String outcome = WebSocketClients.outcome(
                port,
                "/plugin-io/ws/sec_probe/updates/",
                headers -> headers.add("Cookie", "plugin-io-session-token=" + token)
                        .add("Origin", "https://evil.test"));

        assertThat(outcome).isEqualTo("HTTP 403");
    }

    @Test
    void staffSessionRouteAnswersTheLoggedInStaffUserAndRefusesAPatient() {
        String staff = login("staff", "staff");
        String patient = login("patient", "patient");

        client.get()
                .uri("/plugin-io/api/sec_probe/whoami")
                .cookie("SESSION", staff)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"id\": \"staff-1\", \"type\": \"Staff\"}");
        client.get()
                .uri("/plugin-io/api/sec_probe/whoami")
                .cookie("SESSION", patient)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .json("{\"error\": \"Provided credentials are invalid\"}");
        client.get()
                .uri("/plugin-io/api/sec_probe/whoami")
                .header("canvas-logged-in-user-id", "staff-1")
                .header("canvas-logged-in-user-type", "Staff")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void exampleChannelAcceptsALoggedInStaffUserAndTheDevApiKeyButNotAPatient() {
        String staff = login("staff", "staff");
        String patient = login("patient", "patient");
        String path = "/plugin-io/ws/notifications_demo/notifications/?since=latest";

        assertThat(WebSocketClients.outcome(port, path, headers -> headers.add("Cookie", "SESSION=" + staff)))
                .startsWith("frame:");
        assertThat(WebSocketClients.outcome(port, path + "&api_key=dev-ws-key", headers -> {}))
                .startsWith("frame:");
        assertThat(WebSocketClients.outcome(port, path, headers -> headers.add("Cookie", "SESSION=" + patient)))
                .isEqualTo("close:4403");
        assertThat(WebSocketClients.outcome(port, path + "&api_key=wrong", headers -> {}))
                .isEqualTo("close:4403");
    }

    @Test
    void exampleCallbackTakesTheDevApiKeyWithoutACsrfTokenEvenWithASessionCookie() {
        String staff = login("staff", "staff");

        client.post()
                .uri("/plugin-io/api/notifications_demo/callback")
                .cookie("SESSION", staff)
                .header("Authorization", "dev-api-key")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\": \"hello\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .json("{\"status\": \"ok\"}");
    }

    private String login(String username, String password) {
        var page =
                client.get().uri("/login").exchange().expectBody(String.class).returnResult();
        String session = page.getResponseCookies().getFirst("SESSION").getValue();
        var matcher = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
                .matcher(page.getResponseBody());
        assertThat(matcher.find()).isTrue();
        ResponseCookie cookie = client.post()
                .uri("/login")
                .cookie("SESSION", session)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", username)
                        .with("password", password)
                        .with("_csrf", matcher.group(1)))
                .exchange()
                .expectStatus()
                .isFound()
                .expectBody()
                .returnResult()
                .getResponseCookies()
                .getFirst("SESSION");
        assertThat(cookie).isNotNull();
        return cookie.getValue();
    }

    /** Plugin {@code sec_probe}: records what its WebSocket handler is handed; a Staff-only route. */
    @TestConfiguration(proxyBeanMethods = false)
    @Import({ProbePlugin.Channels.class, ProbePlugin.WhoAmI.class})
    static class ProbePlugin {

        @Plugin("sec_probe")
        static class Channels implements WebSocketApi {

            static final BlockingQueue<WebSocket> seen = new LinkedBlockingQueue<>();

            @Override
            public boolean authenticate(WebSocket websocket) {
                seen.add(websocket);
                return websocket.loggedInUser().isPresent();
            }
        }

        @Plugin("sec_probe")
        static class WhoAmI implements StaffSessionAuth {

            @GetMapping("/whoami")
            Mono<Map<String, Object>> whoami(ServerWebExchange exchange) {
                return exchange.getPrincipal().map(Identity::from).map(identity -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    identity.loggedInUser().ifPresent(user -> {
                        body.put("id", user.id());
                        body.put("type", user.type().label());
                    });
                    return body;
                });
            }
        }
    }
}
