package io.pluginio.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Maps environment variables {@code PLUGIN_IO_SECRET__<plugin>__<secret>=<value>} to {@code
 * plugin-io.plugins[<plugin>].secrets[<secret>]}, keeping both names exactly as written (Spring
 * Boot's relaxed binding would turn {@code _} and {@code -} into dots). The plugin name ends at the
 * first {@code __}. Kubernetes and {@code env} accept {@code -} in variable names: {@code
 * PLUGIN_IO_SECRET__notifications_demo__ws-api-key}. These take precedence over files, below
 * command-line arguments.
 */
public final class SecretsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String PREFIX = "PLUGIN_IO_SECRET__";

    static final String SOURCE_NAME = "pluginIoSecretsFromEnvironment";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> properties = toProperties(environment.getSystemEnvironment());
        if (properties.isEmpty()) {
            return;
        }
        MapPropertySource source = new MapPropertySource(SOURCE_NAME, properties);
        if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            environment
                    .getPropertySources()
                    .addBefore(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
        } else {
            environment.getPropertySources().addLast(source);
        }
    }

    static Map<String, Object> toProperties(Map<String, Object> environment) {
        Map<String, Object> properties = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (!name.startsWith(PREFIX)) {
                return;
            }
            String rest = name.substring(PREFIX.length());
            int separator = rest.indexOf("__");
            if (separator <= 0 || separator + 2 >= rest.length()) {
                return;
            }
            String plugin = rest.substring(0, separator);
            String secret = rest.substring(separator + 2);
            properties.put("plugin-io.plugins[" + plugin + "].secrets[" + secret + "]", value);
        });
        return properties;
    }
}
