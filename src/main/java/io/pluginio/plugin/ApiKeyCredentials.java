package io.pluginio.plugin;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The raw value of an API-key header ({@code Authorization} unless the route class overrides
 * {@link SimpleApi#apiKeyHeader()}), with no scheme parsing. Fails with "Request has no
 * Authorization header" when the header is absent and "Provided credentials are incorrectly
 * formatted" when it is empty.
 */
public final class ApiKeyCredentials extends Credentials {

    private final String key;

    public ApiKeyCredentials(ServerHttpRequest request, Secrets secrets, String headerName) {
        super(request, secrets);
        if (!headers().contains(headerName)) {
            throw new AuthenticationException.NoAuthorizationHeader();
        }
        this.key = headers().first(headerName).orElse("");
        if (key.isEmpty()) {
            throw new AuthenticationException.InvalidFormat();
        }
    }

    /** The key, never empty. */
    public String key() {
        return key;
    }
}
