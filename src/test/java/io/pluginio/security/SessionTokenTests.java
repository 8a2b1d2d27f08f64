package io.pluginio.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SecurityIntegrationTest
@TestPropertySource(
        properties = {
            "plugin-io.security.session-token.hmac-secret=" + Tokens.HMAC_SECRET,
            "plugin-io.security.session-token.issuer=https://canvas.test",
        })
class SessionTokenTests {

    private static final String COOKIE = "plugin-io-session-token";

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @Test
    void hmacSignedCookieResolvesTheLoggedInUser() {
        String token = Tokens.hs256(
                claims -> claims.subject("staff-7").claim("user_type", "Staff").issuer("https://canvas.test"));

        assertThat(identity(token)).containsEntry("user", "staff-7").containsEntry("type", "Staff");
    }

    @Test
    void typeClaimIsMatchedIgnoringCase() {
        String token = Tokens.hs256(
                claims -> claims.subject("p-1").claim("user_type", "patient").issuer("https://canvas.test"));

        assertThat(identity(token)).containsEntry("user", "p-1").containsEntry("type", "Patient");
    }

    @Test
    void cookieWithABadSignatureIsAnonymous() {
        String token = Tokens.hs256(
                "another-secret-of-at-least-thirty-two-bytes!",
                Tokens.claims("staff-7", "Staff").issuer("https://canvas.test").build());

        assertThat(identity(token)).containsEntry("user", null);
    }

    @Test
    void expiredCookieIsAnonymous() {
        String token = Tokens.hs256(claims -> claims.issuer("https://canvas.test")
                .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))));

        assertThat(identity(token)).containsEntry("user", null);
    }

    @Test
    void cookieWithoutAnExpiryIsAnonymous() {
        String token =
                Tokens.hs256(claims -> claims.issuer("https://canvas.test").expirationTime(null));

        assertThat(identity(token)).containsEntry("user", null);
    }

    @Test
    void unsignedAlgNoneCookieIsAnonymous() {
        String token = Tokens.unsigned(
                Tokens.claims("staff-7", "Staff").issuer("https://canvas.test").build());

        assertThat(identity(token)).containsEntry("user", null);
    }

    @Test
    void cookieSignedWithAnotherHmacAlgorithmIsAnonymous() throws Exception {
        String token = Tokens.sign(
                new JWSHeader.Builder(JWSAlgorithm.HS512)
                        .type(JOSEObjectType.JWT)
                        .build(),
                Tokens.claims("staff-7", "Staff").issuer("https://canvas.test").build(),
                new MACSigner((Tokens.HMAC_SECRET + Tokens.HMAC_SECRET).getBytes(StandardCharsets.UTF_8)));

        assertThat(identity(token)).containsEntry("user", null);
    }

    @Test
    void garbageCookieIsAnonymous() {
        assertThat(identity("not.a.jwt")).containsEntry("user", null);
        assertThat(identity("garbage")).containsEntry("user", null);
    }

    @Test
    void unknownUserTypeIsAnonymous() {
        String token =
                Tokens.hs256(claims -> claims.issuer("https://canvas.test").claim("user_type", "Admin"));

        assertThat(identity(token)).containsEntry("user", null);
    }

    @Test
    void missingIdClaimIsAnonymous() {
        String token =
                Tokens.hs256(claims -> claims.issuer("https://canvas.test").subject(null));

        assertThat(identity(token)).containsEntry("user", null);
    }

    @Test
    void wrongIssuerIsAnonymous() {
        String token = Tokens.hs256(claims -> claims.issuer("https://evil.test"));

        assertThat(identity(token)).containsEntry("user", null);
    }

    @Test
    void sessionUserAndApiKeyAreBothCarried() {
        String token = Tokens.hs256(claims -> claims.issuer("https://canvas.test"));

        Map<String, Object> identity = IdentityEcho.fetch(
                client, request -> request.cookie(COOKIE, token).header("Authorization", "key-from-header"));

        assertThat(identity).containsEntry("user", "staff-7").containsEntry("apiKey", "key-from-header");
    }

    @Test
    void handshakeWithTheCookieResolvesTheLoggedInUser() {
        String token = Tokens.hs256(claims -> claims.issuer("https://canvas.test"));

        String frame = WebSocketClients.firstFrame(
                port, IdentityEcho.WEBSOCKET_PATH, headers -> headers.add("Cookie", COOKIE + "=" + token));

        assertThat(frame).contains("\"user\":\"staff-7\"").contains("\"type\":\"Staff\"");
    }

    private Map<String, Object> identity(String token) {
        return IdentityEcho.fetch(client, request -> request.cookie(COOKIE, token));
    }
}
