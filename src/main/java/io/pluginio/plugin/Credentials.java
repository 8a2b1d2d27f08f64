package io.pluginio.plugin;

import java.util.Objects;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * What a {@link SimpleApi} route class authenticates a request with. The type argument of {@code
 * SimpleApi<C>} chooses how the request is parsed before {@code authenticate} runs:
 *
 * <table>
 *   <caption>credential types</caption>
 *   <tr><th>type</th><th>parsed from</th></tr>
 *   <tr><td>{@code Credentials}</td><td>nothing: read {@link #request()} yourself</td></tr>
 *   <tr><td>{@link BasicCredentials}</td><td>{@code Authorization: Basic base64(user:pass)}</td></tr>
 *   <tr><td>{@link BearerCredentials}</td><td>{@code Authorization: Bearer <token>}</td></tr>
 *   <tr><td>{@link ApiKeyCredentials}</td><td>the raw value of {@link SimpleApi#apiKeyHeader()}</td></tr>
 *   <tr><td>{@link SessionCredentials}</td><td>the session user Spring Security resolved</td></tr>
 * </table>
 *
 * A request whose header is missing or malformed is answered 401 before {@code authenticate} runs.
 * The body has not been read yet when credentials are built.
 */
public class Credentials {

    private final ServerHttpRequest request;

    private final Headers headers;

    private final Secrets secrets;

    /** Credentials that parse nothing. */
    public Credentials(ServerHttpRequest request, Secrets secrets) {
        this.request = Objects.requireNonNull(request, "request");
        this.headers = Headers.of(request.getHeaders());
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    /** The request being authenticated (method, path, query, headers; not the body). */
    public ServerHttpRequest request() {
        return request;
    }

    /** The request's headers, as {@link Headers} presents them. */
    public Headers headers() {
        return headers;
    }

    /** The plugin's own secrets. */
    public Secrets secrets() {
        return secrets;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
