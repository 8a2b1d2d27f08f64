package io.pluginio.security;

import io.pluginio.plugin.LoggedInUser;
import io.pluginio.plugin.UserType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import reactor.core.publisher.Mono;

/**
 * The users of this service's own login form, from {@code plugin-io.security.login.users}. Each
 * logged-in user is stored in the WebSession as Spring Security's usual authentication, whose
 * principal is a {@link LoginUser} that knows the Canvas {@link LoggedInUser} behind it.
 */
final class LoginUsers implements ReactiveUserDetailsService {

    private final Map<String, SecurityProperties.User> users;

    LoginUsers(List<SecurityProperties.User> users) {
        this.users = users.stream()
                .collect(Collectors.toUnmodifiableMap(SecurityProperties.User::username, Function.identity()));
    }

    @Override
    public Mono<UserDetails> findByUsername(String username) {
        SecurityProperties.User user = users.get(username);
        // A fresh copy each time: the authentication manager erases credentials of what it returns.
        return user == null ? Mono.empty() : Mono.just(new LoginUser(user));
    }

    /** The session user of an authentication made by the login form, if it is one. */
    static Optional<LoggedInUser> loggedInUser(Authentication authentication) {
        return authentication.getPrincipal() instanceof LoginUser user
                ? Optional.of(user.loggedInUser())
                : Optional.empty();
    }

    /** A login-form user; it carries the Canvas id and type plugins will see. */
    static final class LoginUser extends User {

        private static final long serialVersionUID = 1L;

        private final String id;

        private final UserType type;

        LoginUser(SecurityProperties.User user) {
            super(
                    user.username(),
                    user.password(),
                    AuthorityUtils.createAuthorityList("ROLE_" + user.type().name()));
            this.id = user.id();
            this.type = user.type();
        }

        LoggedInUser loggedInUser() {
            return new LoggedInUser(id, type);
        }
    }
}
