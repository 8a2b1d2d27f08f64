package io.pluginio.plugin;

/**
 * Authenticates requests whose Basic credentials equal the plugin's secrets {@value
 * #USERNAME_SECRET} and {@value #PASSWORD_SECRET}, compared in constant time. A missing secret
 * refuses every request.
 */
public interface BasicAuth extends SimpleApi<BasicCredentials> {

    /** The secret the user name is compared with. */
    String USERNAME_SECRET = "simpleapi-basic-username";

    /** The secret the password is compared with. */
    String PASSWORD_SECRET = "simpleapi-basic-password";

    @Override
    default boolean authenticate(BasicCredentials credentials) {
        Secrets secrets = credentials.secrets();
        // Both comparisons always run, so timing does not tell which one failed.
        boolean user = secrets.matches(USERNAME_SECRET, credentials.username());
        boolean password = secrets.matches(PASSWORD_SECRET, credentials.password());
        return user & password;
    }
}
