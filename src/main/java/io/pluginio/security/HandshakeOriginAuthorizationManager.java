package io.pluginio.security;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsUtils;
import reactor.core.publisher.Mono;

/**
 * Guards WebSocket handshakes against cross-site WebSocket hijacking. Browsers attach cookies to a
 * handshake whatever page opens it, and WebSocket has no CORS, so a handshake whose session user
 * came from a cookie (the session-token cookie or the login session) must come from an allowed
 * {@code Origin}: the service's own (scheme, host and port of the request, as Spring's {@code
 * server.forward-headers-strategy} presents it) or one matching {@code
 * plugin-io.security.allowed-origins}. Denied handshakes get 403 before the upgrade.
 *
 * <p>Handshakes without a session user (API-key clients, anonymous) carry no ambient authority and
 * pass, and so do handshakes without an {@code Origin} header: browsers always send it, so its
 * absence means a non-browser client, which cannot be hijacked.
 */
final class HandshakeOriginAuthorizationManager implements ReactiveAuthorizationManager<AuthorizationContext> {

    private static final Logger logger = LoggerFactory.getLogger(HandshakeOriginAuthorizationManager.class);

    private static final AuthorizationResult GRANTED = new AuthorizationDecision(true);

    private static final AuthorizationResult DENIED = new AuthorizationDecision(false);

    private final CorsConfiguration allowedOrigins = new CorsConfiguration();

    HandshakeOriginAuthorizationManager(List<String> allowedOriginPatterns) {
        allowedOrigins.setAllowedOriginPatterns(allowedOriginPatterns);
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        ServerHttpRequest request = context.getExchange().getRequest();
        return authentication
                .map(principal -> Identity.from(principal).loggedInUser().isPresent())
                .defaultIfEmpty(false)
                .map(cookieAuthenticated -> !cookieAuthenticated || originAllowed(request) ? GRANTED : DENIED);
    }

    private boolean originAllowed(ServerHttpRequest request) {
        String origin = request.getHeaders().getOrigin();
        if (origin == null) {
            return true;
        }
        boolean allowed = sameOrigin(request) || allowedOrigins.checkOrigin(origin) != null;
        if (!allowed) {
            logger.debug("Rejected a cookie-authenticated handshake from origin {}", origin);
        }
        return allowed;
    }

    private static boolean sameOrigin(ServerHttpRequest request) {
        try {
            return !CorsUtils.isCorsRequest(request);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
