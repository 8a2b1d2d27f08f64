package io.pluginio.security;

import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads the API key of a request the way SPEC 3.1 states it: the {@code api_key} query parameter
 * on GET (WebSocket handshakes; browsers cannot set headers on them), else the raw {@code
 * Authorization} header value with no scheme parsing. Empty values count as absent. Modelled on
 * Spring Security's {@code ServerBearerTokenAuthenticationConverter}, except that the query
 * parameter wins over the header instead of making the request ambiguous.
 */
final class ApiKeyResolver {

    static final String PARAMETER = "api_key";

    private ApiKeyResolver() {}

    /**
     * The request's API key, if any. The query values come from where {@link
     * RedactingHttpWebHandlerAdapter} put them aside, else (no adapter in front) from the query.
     *
     * @throws AmbiguousApiKeyException when the query has more than one {@code api_key} parameter
     */
    static Optional<String> resolve(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        if (HttpMethod.GET.equals(request.getMethod())) {
            List<String> fromQuery = exchange.getAttribute(RedactingHttpWebHandlerAdapter.API_KEYS);
            if (fromQuery == null) {
                fromQuery = request.getQueryParams().getOrDefault(PARAMETER, List.of());
            }
            if (fromQuery.size() > 1) {
                throw new AmbiguousApiKeyException();
            }
            if (!fromQuery.isEmpty()
                    && fromQuery.get(0) != null
                    && !fromQuery.get(0).isEmpty()) {
                return Optional.of(fromQuery.get(0));
            }
        }
        return Optional.ofNullable(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION))
                .filter(value -> !value.isEmpty());
    }

    /** More than one {@code api_key} query parameter: the client gets 400, never a guess. */
    static final class AmbiguousApiKeyException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        AmbiguousApiKeyException() {
            super("Request has more than one api_key parameter", null, false, false);
        }
    }
}
