package io.pluginio.security;

import io.pluginio.plugin.LoggedInUser;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who is behind a request or handshake, as Spring Security resolved it before any plugin code runs.
 * The WebSocket endpoint and SimpleAPI read it from the exchange's principal; they never parse
 * cookies, tokens or keys themselves.
 *
 * @param loggedInUser the Canvas session user (signed session-token cookie, or this service's own
 *     login), if any
 * @param apiKey the {@code api_key} query parameter (GET handshakes only), else the raw {@code
 *     Authorization} header value, if any; not verified: the plugin decides
 */
public record Identity(Optional<LoggedInUser> loggedInUser, Optional<String> apiKey) {

    private static final Identity ANONYMOUS = new Identity(Optional.empty(), Optional.empty());

    public Identity {
        Objects.requireNonNull(loggedInUser, "loggedInUser");
        Objects.requireNonNull(apiKey, "apiKey");
    }

    /** Nobody: no session user and no key. */
    public static Identity anonymous() {
        return ANONYMOUS;
    }

    /** The identity carried by {@code principal}; anonymous for {@code null} or any other principal. */
    public static Identity from(@Nullable Principal principal) {
        return principal instanceof IdentityAuthentication authentication ? authentication.identity() : ANONYMOUS;
    }

    @Override
    public String toString() {
        return "Identity[loggedInUser=" + loggedInUser + ", apiKey=" + (apiKey.isPresent() ? "present" : "absent")
                + "]";
    }
}
