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
 * no route answers 404 before authentication.
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
