package io.pluginio.registry;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-plugin configuration, {@code plugin-io.plugins[<plugin>].*}. Plugin names contain {@code _}
 * and secret names {@code -}, which Spring Boot keeps in map keys only in bracket notation: {@code
 * plugin-io.plugins[notifications_demo].secrets[ws-api-key]=...}. Environment variables {@code
 * PLUGIN_IO_SECRET__<plugin>__<secret>} are added by {@link SecretsEnvironmentPostProcessor}.
 *
 * @param plugins plugin name to its settings; empty by default
 */
@ConfigurationProperties("plugin-io")
public record PluginsProperties(Map<String, PluginProperties> plugins) {

    public PluginsProperties {
        plugins = plugins == null ? Map.of() : Map.copyOf(plugins);
    }

    /**
     * One plugin's settings.
     *
     * @param secrets secret name to value; empty by default. Never logged.
     */
    public record PluginProperties(Map<String, String> secrets) {

        public PluginProperties {
            secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        }

        @Override
        public String toString() {
            return "PluginProperties[secrets=" + secrets.keySet() + "]";
        }
    }
}
