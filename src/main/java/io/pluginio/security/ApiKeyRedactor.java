package io.pluginio.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Replaces the value of every {@code api_key} query parameter in a request target (path and
 * query, or absolute URI) by {@code redacted}, so that request lines can be logged. Parameter
 * names are compared after percent-decoding and ignoring case, because Spring decodes names before
 * {@link ApiKeyResolver} looks them up ({@code api%5Fkey} is {@code api_key} to it).
 */
final class ApiKeyRedactor {

    /** What an {@code api_key} value becomes; legal in a URI query as it is. */
    static final String REDACTED = "redacted";

    private ApiKeyRedactor() {}

    /** {@code target} with its {@code api_key} values redacted; unchanged if it has none. */
    static String redact(String target) {
        int queryStart = target.indexOf('?');
        if (queryStart < 0) {
            return target;
        }
        int fragmentStart = target.indexOf('#', queryStart);
        int queryEnd = fragmentStart < 0 ? target.length() : fragmentStart;
        StringBuilder redacted = new StringBuilder(target.length()).append(target, 0, queryStart + 1);
        String query = target.substring(queryStart + 1, queryEnd);
        String[] parameters = query.split("&", -1);
        for (int i = 0; i < parameters.length; i++) {
            if (i > 0) {
                redacted.append('&');
            }
            String parameter = parameters[i];
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            if (equals >= 0 && isApiKey(name)) {
                redacted.append(name).append('=').append(REDACTED);
            } else {
                redacted.append(parameter);
            }
        }
        return redacted.append(target, queryEnd, target.length()).toString();
    }

    private static boolean isApiKey(String rawName) {
        if (rawName.equalsIgnoreCase(ApiKeyResolver.PARAMETER)) {
            return true;
        }
        try {
            return URLDecoder.decode(rawName, StandardCharsets.UTF_8).equalsIgnoreCase(ApiKeyResolver.PARAMETER);
        } catch (IllegalArgumentException malformed) {
            // A name that does not decode cannot be checked: redacting its value costs nothing.
            return true;
        }
    }
}
