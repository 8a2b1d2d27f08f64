package io.pluginio.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;

/** The demo page's routes: who may open the page, and the Staff-only send route. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "plugin-io.security.session-token.hmac-secret=" + NotificationsDemoRoutesTests.TOKEN_SECRET,
            "plugin-io.plugins[notifications_demo].secrets[ws-api-key]=routes-test-ws-key"
        })
@AutoConfigureWebTestClient
class NotificationsDemoRoutesTests {

    static final String TOKEN_SECRET = "routes-test-session-token-secret-0123456789";

    private static final String SESSION_COOKIE = "plugin-io-session-token";

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @Test
    void thePageNeedsASession() {
        client.get()
                .uri("/plugin-io/api/notifications_demo/demo")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("Provided credentials are invalid");
    }

    @Test
    void anySessionGetsThePageWhichImportsTheServedClient() {
        for (String type : List.of("Staff", "Patient")) {
            client.get()
                    .uri("/plugin-io/api/notifications_demo/demo")
                    .cookie(SESSION_COOKIE, token("user-1", type))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectHeader()
                    .cacheControl(org.springframework.http.CacheControl.noStore())
                    .expectBody(String.class)
                    .value(page -> assertThat(page)
                            .contains("import { connect } from '../../client/index.js'")
                            .contains("id=\"send-form\""));
        }
    }

    @Test
    void aPatientCannotSend() {
        client.post()
                .uri("/plugin-io/api/notifications_demo/send")
                .cookie(SESSION_COOKIE, token("patient-1", "Patient"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "hello"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void sendRefusesAMissingBlankLongOrNonTextMessage() {
        for (Object body :
                List.of(Map.of(), Map.of("text", "  "), Map.of("text", "x".repeat(1001)), Map.of("text", 42))) {
            client.post()
                    .uri("/plugin-io/api/notifications_demo/send")
                    .cookie(SESSION_COOKIE, token("staff-1", "Staff"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.error")
                    .isEqualTo("text must be a non-blank string of at most 1000 characters");
        }
    }

    @Test
    void staffSendBroadcastsTheTextToTheNotificationsChannel() {
        Sinks.One<Boolean> positioned = Sinks.one();
        Sinks.One<String> broadcast = Sinks.one();
        URI channel = URI.create("ws://localhost:" + port
                + "/plugin-io/ws/notifications_demo/notifications/?api_key=routes-test-ws-key&since=latest");
        Disposable listening = new ReactorNettyWebSocketClient()
                .execute(
                        channel,
                        session -> session.receive()
                                .map(WebSocketMessage::getPayloadAsText)
                                .doOnNext(frame -> {
                                    if (frame.contains("\"recovered\"")) {
                                        positioned.tryEmitValue(true);
                                    } else {
                                        broadcast.tryEmitValue(frame);
                                    }
                                })
                                .then())
                .subscribe();
        try {
            // Send only once subscribed: a broadcast before that would rightly not reach this client.
            positioned.asMono().block(Duration.ofSeconds(30));
            client.post()
                    .uri("/plugin-io/api/notifications_demo/send")
                    .cookie(SESSION_COOKIE, token("staff-1", "Staff"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("text", "hello <b>everyone</b>"))
                    .exchange()
                    .expectStatus()
                    .isAccepted();

            assertThat(broadcast.asMono().block(Duration.ofSeconds(30)))
                    .contains("\"message\":{\"text\":\"hello <b>everyone</b>\"}");
        } finally {
            listening.dispose();
        }
    }

    private static String token(String id, String type) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(id)
                .claim("user_type", type)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(TOKEN_SECRET.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }
}
