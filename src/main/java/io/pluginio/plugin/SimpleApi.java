package io.pluginio.plugin;

import org.springframework.http.HttpHeaders;

/**
 * A plugin's HTTP route class. Implement it on a {@link Plugin @Plugin} bean and declare Spring
 * {@code @GetMapping}, {@code @PostMapping}, {@code @PutMapping}, {@code @PatchMapping} or {@code
 * @DeleteMapping} methods: they are mounted under {@code /plugin-io/api/<plugin>}, after the
 * class-level {@code @RequestMapping} prefix if any. A {@code @Plugin} class that declares routes
 * without implementing this interface fails start-up: every route is authenticated.
 *
 * <p>Before any of its routes runs, {@link #authenticate(Credentials)} is called with credentials of
 * type {@code C}, parsed from the request (see {@link Credentials}). It runs on a worker thread and
 * may block. Malformed or missing credentials, {@code false}, or an {@link AuthenticationException}
 * answer 401 {@code {"error": "<message>"}}; any other exception answers 500. A request that matches
 * no route (a wrong method on an existing path included) answers 404 before authentication.
 *
 * <p>Route methods may take a {@link Request} (method, path, query, headers, path variables, body
 * as bytes, text, JSON or form data), the plugin's {@link Secrets}, or any Spring WebFlux argument
 * ({@code @RequestBody}, {@code @PathVariable}, {@code @RequestParam}, {@code ServerWebExchange},
 * ...). They return {@linkplain Effect effects} or any Spring return value ({@code ResponseEntity},
 * {@code Mono<...>}, an object written as JSON). Like any WebFlux handler they must not block;
 * {@code authenticate} may.
 *
 * <p>A {@code C} other than the five built-in credential types is a custom type: give it a public
 * {@code (ServerHttpRequest, Secrets)} constructor that parses the request and throws {@link
 * AuthenticationException} when it finds no usable credentials.
 *
 * <p>Ready-made implementations: {@link ApiKeyAuth}, {@link BasicAuth}, {@link StaffSessionAuth},
 * {@link PatientSessionAuth}.
 *
 * @param <C> the credentials this class asks for
 */
public interface SimpleApi<C extends Credentials> {

    /** Whether the request may proceed. */
    boolean authenticate(C credentials);

    /** The header {@link ApiKeyCredentials} reads; {@code Authorization} by default. */
    default String apiKeyHeader() {
        return HttpHeaders.AUTHORIZATION;
    }
}
