package io.pluginio.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The API key and the stripping of client-sent {@code canvas-logged-in-user-*} headers. */
@SecurityIntegrationTest
class RequestIdentityTests {

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @Test
    void apiKeyQueryParameterWinsOverTheAuthorizationHeader() {
        Map<String, Object> identity = get("/sec-test/identity?api_key=from-query", "from-header");

        assertThat(identity).containsEntry("apiKey", "from-query").containsEntry("user", null);
    }

    @Test
    void rawAuthorizationHeaderIsTheApiKeyWithoutSchemeParsing() {
        assertThat(get(IdentityEcho.HTTP_PATH, "Bearer abc")).containsEntry("apiKey", "Bearer abc");
    }

    @Test
    void emptyApiKeyParameterFallsBackToTheHeader() {
        assertThat(get("/sec-test/identity?api_key=", "from-header")).containsEntry("apiKey", "from-header");
        assertThat(get("/sec-test/identity?api_key=", null)).containsEntry("apiKey", null);
    }

    @Test
    void twoApiKeyParametersAreABadRequest() {
        client.get()
                .uri("/sec-test/identity?api_key=a&api_key=b")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .json("{\"error\": \"Request has more than one api_key parameter\"}");
    }

    @Test
    void handlersSeeTheApiKeyRedactedInTheQuery() {
        Map<String, Object> identity = get("/sec-test/identity?since=5&api_key=secret-k&epoch=e", null);

        assertThat(identity)
                .containsEntry("apiKey", "secret-k")
                .containsEntry("query", "since=5&api_key=redacted&epoch=e");
    }

    @Test
    void handshakeCarriesTheApiKeyFromTheQuery() {
        String frame = WebSocketClients.firstFrame(port, IdentityEcho.WEBSOCKET_PATH + "?api_key=ws-k", headers -> {});

        assertThat(frame).contains("\"apiKey\":\"ws-k\"").contains("\"query\":\"api_key=redacted\"");
    }

    @Test
    void handshakeCarriesTheRawAuthorizationHeaderAsTheApiKey() {
        String frame = WebSocketClients.firstFrame(
                port, IdentityEcho.WEBSOCKET_PATH, headers -> headers.add("Authorization", "Bearer ws-h"));

        assertThat(frame).contains("\"apiKey\":\"Bearer ws-h\"").contains("\"user\":null");
    }

    @Test
    void handshakeWithTwoApiKeyParametersIsRefusedWith400() {
        assertThat(WebSocketClients.firstFrame(
                        port, IdentityEcho.WEBSOCKET_PATH + "?api_key=a&api_key=b", headers -> {}))
                .isEqualTo("HTTP 400");
    }

    @Test
    @SuppressWarnings("unchecked")
    void clientSentLoggedInUserHeadersAreRemovedInAnyCase() {
        Map<String, Object> identity = IdentityEcho.fetch(
                client,
                request -> request.header("canvas-logged-in-user-id", "staff-1")
                        .header("CANVAS-LOGGED-IN-USER-TYPE", "Staff")
                        .header("Canvas-Logged-In-User-Anything", "x")
                        .header("X-Kept", "yes"));

        List<String> headers = (List<String>) identity.get("headers");
        assertThat(headers)
                .contains("X-Kept")
                .noneMatch(name -> name.toLowerCase().startsWith("canvas-logged-in-user"));
        assertThat(identity).containsEntry("user", null);
    }

    @Test
    void clientSentLoggedInUserHeadersAreRemovedFromHandshakes() {
        String frame = WebSocketClients.firstFrame(
                port,
                IdentityEcho.WEBSOCKET_PATH,
                headers -> headers.add("Canvas-Logged-In-User-Id", "staff-1")
                        .add("canvas-logged-in-user-type", "Staff")
                        .add("X-Kept", "yes"));

        assertThat(frame)
                .contains("X-Kept")
                .doesNotContainIgnoringCase("canvas-logged-in-user")
                .contains("\"user\":null");
    }

    private Map<String, Object> get(String uri, String authorization) {
        return IdentityEcho.fetch(
                client,
                uri,
                request -> request.headers(headers -> {
                    if (authorization != null) {
                        headers.set("Authorization", authorization);
                    }
                }));
    }
}
