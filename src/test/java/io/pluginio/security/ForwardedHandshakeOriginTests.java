package io.pluginio.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** Behind a proxy, the service's own origin is what {@code server.forward-headers-strategy} makes of it. */
@SecurityIntegrationTest
@TestPropertySource(
        properties = {
            "plugin-io.security.session-token.hmac-secret=" + Tokens.HMAC_SECRET,
            "server.forward-headers-strategy=framework",
        })
class ForwardedHandshakeOriginTests {

    private static final String SESSION_COOKIE = "plugin-io-session-token=" + Tokens.hs256("staff-1", "Staff");

    @LocalServerPort
    int port;

    @Test
    void cookieHandshakeFromTheForwardedPublicOriginIsAccepted() {
        String frame = handshake("https://public.example");

        assertThat(frame).contains("\"user\":\"staff-1\"");
    }

    @Test
    void cookieHandshakeFromTheInternalAddressIsRejectedWhenTheProxyNamesAnotherHost() {
        assertThat(handshake("http://127.0.0.1:" + port)).isEqualTo("HTTP 403");
    }

    private String handshake(String origin) {
        return WebSocketClients.firstFrame(
                port,
                IdentityEcho.WEBSOCKET_PATH,
                headers -> headers.add("Cookie", SESSION_COOKIE)
                        .add("Origin", origin)
                        .add("X-Forwarded-Proto", "https")
                        .add("X-Forwarded-Host", "public.example"));
    }
}
