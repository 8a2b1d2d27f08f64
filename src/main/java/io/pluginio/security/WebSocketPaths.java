package io.pluginio.security;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The WebSocket endpoint's paths, {@code /plugin-io/ws/**}: where the handshake security chain
 * applies and what is left out of observations. One synchronous {@link PathPattern} match, so that
 * a decision needs no reactive pipeline (Spring Security's path matchers also format a DEBUG line
 * per call, which the logging bridge builds even when DEBUG is off).
 */
final class WebSocketPaths {

    static final String PATTERN = "/plugin-io/ws/**";

    private static final PathPattern pattern = PathPatternParser.defaultInstance.parse(PATTERN);

    private static final Mono<MatchResult> MATCH = MatchResult.match();

    private static final Mono<MatchResult> NO_MATCH = MatchResult.notMatch();

    private WebSocketPaths() {}

    /** Whether {@code request} is for the WebSocket endpoint, handshake or not. */
    static boolean matches(ServerHttpRequest request) {
        return pattern.matches(request.getPath().pathWithinApplication());
    }

    /** {@link #matches} as a security-chain matcher. */
    static ServerWebExchangeMatcher matcher() {
        return exchange -> matches(exchange.getRequest()) ? MATCH : NO_MATCH;
    }
}
