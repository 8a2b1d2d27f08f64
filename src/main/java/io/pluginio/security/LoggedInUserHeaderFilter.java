package io.pluginio.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Removes every {@code canvas-logged-in-user-*} header (any case) a client sent, before anything
 * else sees the request or handshake. In Canvas those headers carry the session user from a
 * trusted proxy; here the session user comes only from Spring Security, and a client must not be
 * able to make a plugin that reads headers believe otherwise.
 */
final class LoggedInUserHeaderFilter implements WebFilter, Ordered {

    static final String PREFIX = "canvas-logged-in-user-";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        // Nearly every request has none: look without allocating, collect only when one is there.
        List<String> spoofed = null;
        for (String name : exchange.getRequest().getHeaders().headerNames()) {
            if (name.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                if (spoofed == null) {
                    spoofed = new ArrayList<>();
                }
                spoofed.add(name);
            }
        }
        if (spoofed == null) {
            return chain.filter(exchange);
        }
        List<String> names = spoofed;
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> names.forEach(headers::remove)))
                .build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
