package io.pluginio.registry;

import io.pluginio.plugin.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One plugin's secrets from configuration. {@code toString} names the secrets, never their values. */
final class ConfiguredSecrets implements Secrets {

    private static final Logger logger = LoggerFactory.getLogger(ConfiguredSecrets.class);

    private final String plugin;

    private final Map<String, String> values;

    ConfiguredSecrets(String plugin, Map<String, String> values) {
        this.plugin = plugin;
        this.values = Map.copyOf(values);
    }

    @Override
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    @Override
    public boolean matches(String name, String candidate) {
        String secret = values.get(name);
        if (secret == null) {
            logger.error("Plugin {} has no secret named {}: every comparison with it fails", plugin, name);
            return false;
        }
        return MessageDigest.isEqual(
                secret.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Secrets" + values.keySet();
    }
}
