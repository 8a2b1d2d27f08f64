package io.pluginio.security;

import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Resolves the {@link Identity} of each request into the security context. The API key comes from
 * the {@code api_key} query parameter on GET (WebSocket handshakes), else the raw {@code
 * Authorization} header.
 */
final class IdentityWebFilter implements WebFilter {

    static final String API_KEY_PARAMETER = "api_key";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Identity identity = new Identity(Optional.empty(), apiKey(exchange.getRequest()));
        if (identity.equals(Identity.anonymous())) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange)
                .contextWrite(ReactiveSecurityContextHolder.withAuthentication(new IdentityAuthentication(identity)));
    }

    static Optional<String> apiKey(ServerHttpRequest request) {
        if (HttpMethod.GET.equals(request.getMethod())) {
            String fromQuery = request.getQueryParams().getFirst(API_KEY_PARAMETER);
            if (fromQuery != null && !fromQuery.isEmpty()) {
                return Optional.of(fromQuery);
            }
        }
        return Optional.ofNullable(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION))
                .filter(value -> !value.isEmpty());
    }
}
