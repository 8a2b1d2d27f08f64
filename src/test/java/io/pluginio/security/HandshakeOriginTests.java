package io.pluginio.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** Cross-site WebSocket hijacking: cookie-authenticated handshakes must come from an allowed Origin. */
@SecurityIntegrationTest
@TestPropertySource(
        properties = {
            "plugin-io.security.session-token.hmac-secret=" + Tokens.HMAC_SECRET,
            "plugin-io.security.allowed-origins=https://*.canvas.test,https://partner.example",
        })
class HandshakeOriginTests {

    private static final String SESSION_COOKIE = "plugin-io-session-token=" + Tokens.hs256("staff-1", "Staff");

    @LocalServerPort
    int port;

    @Test
    void cookieHandshakeFromTheServiceOwnOriginIsAccepted() {
        String frame = handshake(IdentityEcho.WEBSOCKET_PATH, SESSION_COOKIE, "http://127.0.0.1:" + port);

        assertThat(frame).contains("\"user\":\"staff-1\"");
    }

    @Test
    void cookieHandshakeFromAnAllowedOriginPatternIsAccepted() {
        assertThat(handshake(IdentityEcho.WEBSOCKET_PATH, SESSION_COOKIE, "https://app.canvas.test"))
                .contains("\"user\":\"staff-1\"");
        assertThat(handshake(IdentityEcho.WEBSOCKET_PATH, SESSION_COOKIE, "https://partner.example"))
                .contains("\"user\":\"staff-1\"");
    }

    @Test
    void cookieHandshakeFromAnotherOriginIsRejectedWith403BeforeTheUpgrade() {
        assertThat(handshake(IdentityEcho.WEBSOCKET_PATH, SESSION_COOKIE, "https://evil.test"))
                .isEqualTo("HTTP 403");
        assertThat(handshake(IdentityEcho.WEBSOCKET_PATH, SESSION_COOKIE, "http://127.0.0.1:" + (port + 1)))
                .isEqualTo("HTTP 403");
        assertThat(handshake(IdentityEcho.WEBSOCKET_PATH, SESSION_COOKIE, "https://canvas.test.evil.test"))
                .isEqualTo("HTTP 403");
    }

    @Test
    void cookieHandshakeFromAnOpaqueOrMalformedOriginIsRejected() {
        assertThat(handshake(IdentityEcho.WEBSOCKET_PATH, SESSION_COOKIE, "null"))
                .isEqualTo("HTTP 403");
        assertThat(handshake(IdentityEcho.WEBSOCKET_PATH, SESSION_COOKIE, "::not a uri::"))
                .isEqualTo("HTTP 403");
    }

    @Test
    void cookieHandshakeWithoutAnOriginHeaderIsANonBrowserClientAndIsAccepted() {
        String frame = WebSocketClients.firstFrameWithoutOrigin(port, IdentityEcho.WEBSOCKET_PATH, SESSION_COOKIE);

        assertThat(frame).contains("\"user\":\"staff-1\"").doesNotContainIgnoringCase("\"origin\"");
    }

    @Test
    void apiKeyHandshakeWithoutCookiesIsNotOriginChecked() {
        String frame = handshake(IdentityEcho.WEBSOCKET_PATH + "?api_key=k1", null, "https://evil.test");

        assertThat(frame).contains("\"apiKey\":\"k1\"").contains("\"user\":null");
    }

    @Test
    void apiKeyHandshakeThatAlsoCarriesTheSessionCookieIsOriginChecked() {
        assertThat(handshake(IdentityEcho.WEBSOCKET_PATH + "?api_key=k1", SESSION_COOKIE, "https://evil.test"))
                .isEqualTo("HTTP 403");
    }

    @Test
    void handshakeWithACookieThatDoesNotVerifyIsAnonymousAndNotOriginChecked() {
        String expired = "plugin-io-session-token="
                + Tokens.hs256(
                        claims -> claims.expirationTime(Date.from(Instant.now().minus(Duration.ofDays(1)))));

        String frame = handshake(IdentityEcho.WEBSOCKET_PATH, expired, "https://evil.test");

        assertThat(frame).contains("\"user\":null");
    }

    @Test
    void forwardedHeadersAreIgnoredWithoutAForwardHeadersStrategy() {
        String frame = WebSocketClients.firstFrame(
                port,
                IdentityEcho.WEBSOCKET_PATH,
                headers -> headers.add("Cookie", SESSION_COOKIE)
                        .add("Origin", "https://public.example")
                        .add("X-Forwarded-Proto", "https")
                        .add("X-Forwarded-Host", "public.example"));

        assertThat(frame).isEqualTo("HTTP 403");
    }

    private String handshake(String path, String cookie, String origin) {
        return WebSocketClients.firstFrame(port, path, headers -> {
            if (cookie != null) {
                headers.add("Cookie", cookie);
            }
            if (origin != null) {
                headers.add("Origin", origin);
            }
        });
    }
}
