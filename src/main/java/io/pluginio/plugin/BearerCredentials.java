package io.pluginio.plugin;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * {@code Authorization: Bearer <token>}: the scheme matches ignoring case; the token is everything
 * after the first space. Fails as {@link BasicCredentials} does; an empty token is "Provided
 * credentials are incorrectly formatted".
 */
public final class BearerCredentials extends Credentials {

    private final String token;

    public BearerCredentials(ServerHttpRequest request, Secrets secrets) {
        super(request, secrets);
        this.token = AuthorizationHeader.parameter(headers(), "Bearer");
        if (token.isEmpty()) {
            throw new AuthenticationException.InvalidFormat();
        }
    }

    /** The bearer token, never empty. */
    public String token() {
        return token;
    }
}
