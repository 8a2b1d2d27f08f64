package io.pluginio.plugin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;

/**
 * Request or handshake headers as plugins see them: names are case-insensitive, a name may have
 * several values, and the values of list-type headers ({@code Accept}, {@code Accept-Encoding},
 * {@code X-Forwarded-For}, ...) are split on commas. All other headers ({@code Authorization},
 * {@code Cookie}, {@code User-Agent}, custom ones) are kept whole. Immutable.
 */
public final class Headers {

    /** Headers whose values are comma-separated lists, as the original SDK splits them. */
    static final Set<String> LIST_VALUED = Set.of(
            "accept",
            "accept-charset",
            "accept-encoding",
            "accept-language",
            "access-control-allow-headers",
            "access-control-allow-methods",
            "access-control-expose-headers",
            "access-control-request-headers",
            "allow",
            "cache-control",
            "connection",
            "content-encoding",
            "content-language",
            "expect",
            "forwarded",
            "if-match",
            "if-none-match",
            "pragma",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "vary",
            "via",
            "warning",
            "x-forwarded-for",
            "x-forwarded-host",
            "x-forwarded-proto");

    private static final Headers EMPTY = new Headers(Map.of());

    private final Map<String, List<String>> values;

    private Headers(Map<String, List<String>> values) {
        this.values = values;
    }

    /** The headers of an HTTP request or WebSocket handshake. */
    public static Headers of(HttpHeaders headers) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        headers.forEach((name, raw) -> {
            String key = name.toLowerCase(Locale.ROOT);
            List<String> list = values.computeIfAbsent(key, k -> new ArrayList<>());
            for (String value : raw) {
                if (LIST_VALUED.contains(key)) {
                    for (String piece : value.split(",")) {
                        list.add(piece.strip());
                    }
                } else {
                    list.add(value);
                }
            }
        });
        values.replaceAll((k, v) -> List.copyOf(v));
        return new Headers(Collections.unmodifiableMap(values));
    }

    /** No headers. */
    public static Headers empty() {
        return EMPTY;
    }

    /** The first value of {@code name}, if any. */
    public Optional<String> first(String name) {
        List<String> list = values.get(name.toLowerCase(Locale.ROOT));
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    /** Every value of {@code name}, in order; empty when absent. */
    public List<String> all(String name) {
        return values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** Whether {@code name} is present. */
    public boolean contains(String name) {
        return values.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** The header names, lower-cased, in order of first appearance. */
    public Set<String> names() {
        return values.keySet();
    }

    @Override
    public String toString() {
        // Values may hold credentials (Authorization, Cookie): never print them.
        return "Headers" + values.keySet();
    }
}
