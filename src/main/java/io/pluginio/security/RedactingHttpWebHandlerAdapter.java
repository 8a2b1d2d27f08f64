package io.pluginio.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.adapter.HttpWebHandlerAdapter;

/**
 * Takes {@code api_key} values out of the request URI at the door, so that no log line written
 * after it can print them: Spring's request line (DEBUG), its and Spring Boot's "500 Server Error
 * for ..." lines (ERROR, with the raw query), the WebSocket session's URI (DEBUG), and anything a
 * handler logs. The exchange is created with the URI's {@code api_key} values replaced by {@code
 * redacted}, and the original values travel in the exchange attribute {@link #API_KEYS}, where
 * {@link ApiKeyResolver} reads them.
 *
 * <p>It is a copy of the {@link HttpWebHandlerAdapter} that {@code WebHttpHandlerBuilder} built,
 * with all its settings, swapped in by {@link #decorator()}.
 */
final class RedactingHttpWebHandlerAdapter extends HttpWebHandlerAdapter {

    /** Exchange attribute: the request's {@code api_key} query values ({@code List<String>}). */
    static final String API_KEYS = RedactingHttpWebHandlerAdapter.class.getName() + ".API_KEYS";

    RedactingHttpWebHandlerAdapter(HttpWebHandlerAdapter original) {
        super(original.getDelegate());
        setSessionManager(original.getSessionManager());
        setCodecConfigurer(original.getCodecConfigurer());
        setLocaleContextResolver(original.getLocaleContextResolver());
        if (original.getForwardedHeaderTransformer() != null) {
            setForwardedHeaderTransformer(original.getForwardedHeaderTransformer());
        }
        setObservationRegistry(original.getObservationRegistry());
        setObservationConvention(original.getObservationConvention());
        if (original.getApplicationContext() != null) {
            setApplicationContext(original.getApplicationContext());
        }
        if (original.getDefaultHtmlEscape() != null) {
            setDefaultHtmlEscape(original.getDefaultHtmlEscape());
        }
        afterPropertiesSet();
    }

    /**
     * Swaps the built adapter for a redacting copy. It must be the first decorator applied, while
     * the handler is still the adapter itself: give its bean the lowest precedence.
     */
    static HttpHandlerDecoratorFactory decorator() {
        return handler -> handler instanceof HttpWebHandlerAdapter adapter
                ? new RedactingHttpWebHandlerAdapter(adapter)
                : handler;
    }

    @Override
    protected ServerWebExchange createExchange(ServerHttpRequest request, ServerHttpResponse response) {
        String uri = request.getURI().toString();
        String redacted = ApiKeyRedactor.redact(uri);
        if (redacted.equals(uri)) {
            return super.createExchange(request, response);
        }
        List<String> apiKeys = request.getQueryParams().getOrDefault(ApiKeyResolver.PARAMETER, List.of());
        ServerWebExchange exchange =
                super.createExchange(new RedactedUriRequest(request, URI.create(redacted)), response);
        exchange.getAttributes().put(API_KEYS, Collections.unmodifiableList(new ArrayList<>(apiKeys)));
        return exchange;
    }

    // Used before the exchange exists, e.g. when forwarded headers cannot be applied.
    @Override
    protected String formatRequest(ServerHttpRequest request) {
        String rawQuery = request.getURI().getRawQuery();
        String target = request.getPath().value() + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
        return "HTTP " + request.getMethod() + " \"" + ApiKeyRedactor.redact(target) + "\"";
    }
}
