package io.pluginio.security;

import io.pluginio.plugin.LoggedInUser;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Resolves the {@link Identity} of each request and handshake into the security context, where
 * plugin-io's handlers read it through the exchange's principal. The session user comes from the
 * login session (loaded by Spring Security from the WebSession before this filter runs), else from
 * the session-token cookie; the API key as {@link ApiKeyResolver} reads it. Both may be present.
 */
final class IdentityWebFilter implements WebFilter {

    private final Optional<SessionTokenResolver> sessionTokens;

    IdentityWebFilter(Optional<SessionTokenResolver> sessionTokens) {
        this.sessionTokens = sessionTokens;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Optional<String> apiKey;
        try {
            apiKey = ApiKeyResolver.resolve(exchange);
        } catch (ApiKeyResolver.AmbiguousApiKeyException ex) {
            return badRequest(exchange.getResponse(), ex.getMessage());
        }
        return sessionUser(exchange.getRequest())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(user -> {
                    if (user.isEmpty() && apiKey.isEmpty()) {
                        return chain.filter(exchange);
                    }
                    return chain.filter(exchange)
                            .contextWrite(ReactiveSecurityContextHolder.withAuthentication(
                                    new IdentityAuthentication(new Identity(user, apiKey))));
                });
    }

    private Mono<LoggedInUser> sessionUser(ServerHttpRequest request) {
        Mono<LoggedInUser> fromLogin = ReactiveSecurityContextHolder.getContext()
                .flatMap(context -> Mono.justOrEmpty(context.getAuthentication()))
                .flatMap(authentication -> Mono.justOrEmpty(LoginUsers.loggedInUser(authentication)));
        return fromLogin.switchIfEmpty(Mono.defer(
                () -> sessionTokens.map(tokens -> tokens.resolve(request)).orElse(Mono.empty())));
    }

    private static Mono<Void> badRequest(ServerHttpResponse response, String message) {
        response.setStatusCode(HttpStatus.BAD_REQUEST);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = ("{\"error\": \"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }
}
