package io.pluginio.plugin;

import java.util.Objects;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The Canvas session user that Spring Security resolved for the request. Without one the request
 * fails with "Provided credentials are invalid".
 */
public final class SessionCredentials extends Credentials {

    private final LoggedInUser loggedInUser;

    public SessionCredentials(ServerHttpRequest request, Secrets secrets, LoggedInUser loggedInUser) {
        super(request, secrets);
        this.loggedInUser = Objects.requireNonNull(loggedInUser, "loggedInUser");
    }

    /** The session user. */
    public LoggedInUser loggedInUser() {
        return loggedInUser;
    }
}
