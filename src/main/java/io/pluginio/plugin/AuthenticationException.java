package io.pluginio.plugin;

/**
 * A request's or connection's credentials were refused. Thrown by credential parsing or by a
 * plugin's {@code authenticate}: an HTTP route answers 401 {@code {"error": "<message>"}}, a
 * WebSocket connection is closed with 4403 "Unauthorized". Any other exception thrown while
 * authenticating is a server error (500, or close code 4500).
 */
public class AuthenticationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message, null, false, false);
    }

    /** "Request has no Authorization header". */
    public static final class NoAuthorizationHeader extends AuthenticationException {
        private static final long serialVersionUID = 1L;

        public NoAuthorizationHeader() {
            super("Request has no Authorization header");
        }
    }

    /** "Authorization header has no recognized authentication scheme". */
    public static final class UnrecognizedScheme extends AuthenticationException {
        private static final long serialVersionUID = 1L;

        public UnrecognizedScheme() {
            super("Authorization header has no recognized authentication scheme");
        }
    }

    /** "Provided credentials are incorrectly formatted". */
    public static final class InvalidFormat extends AuthenticationException {
        private static final long serialVersionUID = 1L;

        public InvalidFormat() {
            super("Provided credentials are incorrectly formatted");
        }
    }

    /** "Provided credentials are invalid": also what {@code authenticate} returning false means. */
    public static final class InvalidCredentials extends AuthenticationException {
        private static final long serialVersionUID = 1L;

        public InvalidCredentials() {
            super("Provided credentials are invalid");
        }
    }
}
