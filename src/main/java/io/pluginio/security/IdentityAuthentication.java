package io.pluginio.security;

import java.util.List;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The {@code Authentication} plugin-io puts in the security context: an {@link Identity}. Its
 * name is the session user's id, or {@code "api-key"}; the key itself is never its name, so it
 * cannot reach a log line through {@code getName()}.
 */
public final class IdentityAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final Identity identity;

    public IdentityAuthentication(Identity identity) {
        super(identity.loggedInUser()
                .map(user ->
                        List.of(new SimpleGrantedAuthority("ROLE_" + user.type().name())))
                .orElse(List.of()));
        this.identity = Objects.requireNonNull(identity, "identity");
        setAuthenticated(true);
    }

    /** The identity. */
    public Identity identity() {
        return identity;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return identity.loggedInUser().<Object>map(user -> user).orElse("api-key");
    }

    @Override
    public String getName() {
        return identity.loggedInUser().map(user -> user.id()).orElse("api-key");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IdentityAuthentication that && identity.equals(that.identity);
    }

    @Override
    public int hashCode() {
        return identity.hashCode();
    }

    @Override
    public String toString() {
        return "IdentityAuthentication[" + identity + "]";
    }
}
