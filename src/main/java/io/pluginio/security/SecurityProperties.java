package io.pluginio.security;

import io.pluginio.plugin.UserType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * How plugin-io resolves who is calling, {@code plugin-io.security.*}. Secrets (the HMAC secret,
 * login passwords) never appear in {@link #toString()}.
 *
 * @param sessionToken the signed session-token cookie minted by the Canvas main app; off unless a
 *     key source is set
 * @param login this service's own form login, for local use and the demo; off by default
 * @param allowedOrigins origins (Spring CORS origin patterns, e.g. {@code https://*.canvasmedical.com})
 *     allowed to open cookie-authenticated WebSocket connections besides the service's own origin;
 *     empty (the default) means same origin only
 * @param accessLog the Reactor Netty access log
 */
@ConfigurationProperties("plugin-io.security")
record SecurityProperties(
        @DefaultValue SessionToken sessionToken,
        @DefaultValue Login login,
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue AccessLog accessLog) {

    SecurityProperties {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /**
     * The session-token cookie: a JWT signed by the Canvas main app, verified with either a shared
     * HMAC secret (HS256) or the keys at a JWKS URI, never both. Neither set (the default) means the
     * cookie is ignored.
     *
     * @param cookieName the cookie holding the token; default {@code plugin-io-session-token}
     * @param hmacSecret the HS256 shared secret, at least 32 bytes (UTF-8); unset by default
     * @param jwksUri where to fetch the signing keys (JWK Set) from; unset by default
     * @param jwsAlgorithms algorithms accepted with {@code jwks-uri}; default {@code RS256}
     * @param idClaim the claim holding the user's id; default {@code sub}
     * @param typeClaim the claim holding the user type, {@code Staff} or {@code Patient} (any case);
     *     default {@code user_type}
     * @param issuer when set, the {@code iss} claim must equal it; unset (the default) means any
     * @param audience when set, the {@code aud} claim must contain it; unset (the default) means
     *     any
     */
    record SessionToken(
            @DefaultValue("plugin-io-session-token") String cookieName,
            @Nullable String hmacSecret,
            @Nullable URI jwksUri,
            @DefaultValue("RS256") List<String> jwsAlgorithms,
            @DefaultValue("sub") String idClaim,
            @DefaultValue("user_type") String typeClaim,
            @Nullable String issuer,
            @Nullable String audience) {

        /** HS256 keys shorter than the hash are rejected by the JOSE library (RFC 7518 3.2). */
        static final int MIN_HMAC_SECRET_BYTES = 32;

        SessionToken {
            hmacSecret = StringUtils.hasText(hmacSecret) ? hmacSecret : null;
            jwsAlgorithms = List.copyOf(jwsAlgorithms);
            if (hmacSecret != null && jwksUri != null) {
                throw new IllegalArgumentException(
                        "plugin-io.security.session-token: set either hmac-secret or jwks-uri, not both");
            }
            if (hmacSecret != null && hmacSecret.getBytes(StandardCharsets.UTF_8).length < MIN_HMAC_SECRET_BYTES) {
                throw new IllegalArgumentException("plugin-io.security.session-token.hmac-secret must be at least "
                        + MIN_HMAC_SECRET_BYTES + " bytes long");
            }
        }

        /** Whether a key source is configured, so that the cookie is read at all. */
        boolean enabled() {
            return hmacSecret != null || jwksUri != null;
        }

        @Override
        public String toString() {
            return "SessionToken[cookieName=" + cookieName + ", hmacSecret=" + (hmacSecret == null ? "unset" : "set")
                    + ", jwksUri=" + jwksUri + ", jwsAlgorithms=" + jwsAlgorithms + ", idClaim=" + idClaim
                    + ", typeClaim=" + typeClaim + ", issuer=" + issuer + ", audience=" + audience + "]";
        }
    }

    /**
     * This service's own login form ({@code GET/POST /login}, {@code POST /logout}), backed by the
     * WebSession. Meant for local use and the demo; production sessions come from the session-token
     * cookie.
     *
     * @param enabled whether {@code /login} and {@code /logout} exist; default false
     * @param users who may log in; empty by default
     * @param successUrl where the browser goes after logging in; default {@code /}
     */
    record Login(
            @DefaultValue("false") boolean enabled,
            @DefaultValue List<User> users,
            @DefaultValue("/") String successUrl) {

        Login {
            users = List.copyOf(users);
            Set<String> usernames = new HashSet<>();
            for (User user : users) {
                if (!usernames.add(user.username())) {
                    throw new IllegalArgumentException(
                            "plugin-io.security.login.users: username '" + user.username() + "' appears twice");
                }
            }
        }
    }

    /**
     * A user of the login form.
     *
     * @param username what the user types
     * @param password with its encoding prefix: {@code {noop}secret} or {@code {bcrypt}$2a$...}
     * @param id the Canvas user id plugins see as {@code loggedInUser.id}
     * @param type {@code Staff} or {@code Patient}
     */
    record User(String username, String password, String id, UserType type) {

        User {
            if (!StringUtils.hasText(username) || !StringUtils.hasText(id)) {
                throw new IllegalArgumentException("plugin-io.security.login.users: username and id are required");
            }
            if (password == null || !password.startsWith("{") || password.indexOf('}') < 2) {
                throw new IllegalArgumentException("plugin-io.security.login.users: the password of '" + username
                        + "' needs an encoding prefix, e.g. {noop} or {bcrypt}");
            }
        }

        @Override
        public String toString() {
            return "User[username=" + username + ", id=" + id + ", type=" + type + "]";
        }
    }

    /**
     * The Reactor Netty access log (logger {@code reactor.netty.http.server.AccessLog}, INFO), in
     * Reactor Netty's common log format with {@code api_key} values replaced by {@code redacted}.
     *
     * @param enabled whether requests are logged; default false
     */
    record AccessLog(@DefaultValue("false") boolean enabled) {}
}
