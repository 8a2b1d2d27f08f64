package io.pluginio.security;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test-only endpoints that echo what Spring Security resolved, read the way plugin-io's handlers
 * read it ({@code Identity.from(principal)}): {@code GET|POST /sec-test/identity}, {@code GET /sec-test/ok}, {@code GET /sec-test/fail} (always 500) and the WebSocket
 * {@code /plugin-io/ws/sec_test/echo}, which sends one frame and closes. The frame and body are
 * {@code {"user": id, "type": label, "apiKey": key, "headers": [names], "query": raw query}}.
 */
@TestConfiguration(proxyBeanMethods = false)
class IdentityEcho {

    static final String HTTP_PATH = "/sec-test/identity";

    /** Answers 200 "ok" and echoes nothing (so that nothing but the server itself could log a key). */
    static final String OK_PATH = "/sec-test/ok";

    /** Always fails with an unhandled exception: a 500 that Spring logs at ERROR. */
    static final String FAILING_PATH = "/sec-test/fail";

    static final String WEBSOCKET_PATH = "/plugin-io/ws/sec_test/echo";

    private static final JsonMapper json = JsonMapper.builder().build();

    /** GETs the echo with what {@code request} adds (cookies, headers); expects 200. */
    static Map<String, Object> fetch(WebTestClient client, UnaryOperator<WebTestClient.RequestHeadersSpec<?>> request) {
        return fetch(client, HTTP_PATH, request);
    }

    /** GETs {@code uri} (the echo, with a query) with what {@code request} adds; expects 200. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fetch(
            WebTestClient client, String uri, UnaryOperator<WebTestClient.RequestHeadersSpec<?>> request) {
        return request.apply(client.get().uri(uri))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    @Bean
    RouterFunction<ServerResponse> identityEchoRoutes() {
        return RouterFunctions.route()
                .GET(HTTP_PATH, IdentityEcho::echo)
                .POST(HTTP_PATH, IdentityEcho::echo)
                .GET(OK_PATH, request -> ServerResponse.ok().bodyValue("ok"))
                .GET(FAILING_PATH, request -> Mono.error(new IllegalStateException("failing on purpose")))
                .build();
    }

    @Bean
    SimpleUrlHandlerMapping identityEchoWebSocket() {
        WebSocketHandler handler = IdentityEcho::echo;
        // Before any other mapping, so that it wins over the real WebSocket endpoint's pattern.
        return new SimpleUrlHandlerMapping(Map.of(WEBSOCKET_PATH, handler), -100);
    }

    private static Mono<ServerResponse> echo(ServerRequest request) {
        return principal(request.principal())
                .flatMap(principal -> ServerResponse.ok()
                        .bodyValue(describe(
                                principal,
                                request.headers().asHttpHeaders(),
                                request.uri().getRawQuery())));
    }

    private static Mono<Void> echo(WebSocketSession session) {
        var handshake = session.getHandshakeInfo();
        return principal(handshake.getPrincipal())
                .map(principal -> json.writeValueAsString(describe(
                        principal, handshake.getHeaders(), handshake.getUri().getRawQuery())))
                .flatMap(text -> session.send(Mono.just(session.textMessage(text))))
                .then(session.close());
    }

    private static Mono<Optional<Principal>> principal(Mono<? extends Principal> principal) {
        return principal.<Optional<Principal>>map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    private static Map<String, Object> describe(Optional<Principal> principal, HttpHeaders headers, String query) {
        Identity identity = Identity.from(principal.orElse(null));
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("user", identity.loggedInUser().map(user -> user.id()).orElse(null));
        described.put(
                "type", identity.loggedInUser().map(user -> user.type().label()).orElse(null));
        described.put("apiKey", identity.apiKey().orElse(null));
        described.put("headers", List.copyOf(headers.headerNames()));
        described.put("query", query);
        return described;
    }
}
