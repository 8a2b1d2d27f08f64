package io.pluginio.plugin;

/**
 * Authenticates requests whose API-key header equals the plugin's secret {@value #SECRET}, compared
 * in constant time. A missing secret refuses every request.
 */
public interface ApiKeyAuth extends SimpleApi<ApiKeyCredentials> {

    /** The secret the key is compared with. */
    String SECRET = "simpleapi-api-key";

    @Override
    default boolean authenticate(ApiKeyCredentials credentials) {
        return credentials.secrets().matches(SECRET, credentials.key());
    }
}
