package io.pluginio.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** The session-token cookie verified with keys from a JWKS URI (served here on 127.0.0.1). */
@SecurityIntegrationTest
class JwksSessionTokenTests {

    private static final RSAKey signingKey = generate("canvas-1");

    private static final RSAKey strangerKey = generate("canvas-1");

    private static final DisposableServer jwks = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(routes -> routes.get(
                    "/.well-known/jwks.json",
                    (request, response) -> response.header("Content-Type", "application/json")
                            .sendString(
                                    reactor.core.publisher.Mono.just(new JWKSet(signingKey.toPublicJWK()).toString()))))
            .bindNow();

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void jwksUri(DynamicPropertyRegistry registry) {
        registry.add(
                "plugin-io.security.session-token.jwks-uri",
                () -> "http://127.0.0.1:" + jwks.port() + "/.well-known/jwks.json");
        registry.add("plugin-io.security.session-token.audience", () -> "plugin-io");
    }

    @AfterAll
    static void stopJwksServer() {
        jwks.disposeNow();
    }

    @Test
    void cookieSignedWithAKeyFromTheJwksResolvesTheLoggedInUser() {
        String token = rs256(signingKey, "patient-9", "Patient", "plugin-io");

        assertThat(identity(token)).containsEntry("user", "patient-9").containsEntry("type", "Patient");
    }

    @Test
    void cookieSignedWithAKeyNotInTheJwksIsAnonymous() {
        String token = rs256(strangerKey, "patient-9", "Patient", "plugin-io");

        assertThat(identity(token)).containsEntry("user", null);
    }

    @Test
    void cookieForAnotherAudienceIsAnonymous() {
        String token = rs256(signingKey, "patient-9", "Patient", "another-service");

        assertThat(identity(token)).containsEntry("user", null);
    }

    @Test
    void hmacCookieIsAnonymousWhenKeysComeFromJwks() {
        String token = Tokens.hs256("staff-1", "Staff");

        assertThat(identity(token)).containsEntry("user", null);
    }

    private static String rs256(RSAKey key, String id, String type, String audience) {
        try {
            return Tokens.sign(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    Tokens.claims(id, type).audience(audience).build(),
                    new RSASSASigner(key));
        } catch (com.nimbusds.jose.JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (com.nimbusds.jose.JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private Map<String, Object> identity(String token) {
        return IdentityEcho.fetch(client, request -> request.cookie("plugin-io-session-token", token));
    }
}
