package io.pluginio.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Environment variables {@code PLUGIN_IO_SECRET__<plugin>__<secret>} become plugin secrets. */
class SecretsEnvironmentPostProcessorTests {

    /** An environment whose "system environment" is the given map. */
    private static StandardEnvironment environmentWith(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment() {
            @Override
            public Map<String, Object> getSystemEnvironment() {
                return variables;
            }
        };
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new MapPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return environment;
    }

    private static PluginsProperties bind(StandardEnvironment environment) {
        new SecretsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return Binder.get(environment)
                .bind("plugin-io", PluginsProperties.class)
                .orElseGet(() -> new PluginsProperties(Map.of()));
    }

    @Test
    void variablesKeepUnderscoresInPluginNamesAndHyphensInSecretNames() {
        PluginsProperties properties = bind(environmentWith(Map.of(
                "PLUGIN_IO_SECRET__notifications_demo__ws-api-key", "k8s-value",
                "PLUGIN_IO_SECRET__notifications_demo__simpleapi-api-key", "callback-value",
                "PLUGIN_IO_SECRET__other__TOKEN", "upper")));

        assertThat(properties.plugins().get("notifications_demo").secrets())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("ws-api-key", "k8s-value", "simpleapi-api-key", "callback-value"));
        assertThat(properties.plugins().get("other").secrets()).containsExactly(Map.entry("TOKEN", "upper"));
    }

    @Test
    void variablesOverrideTheBracketFormFromFilesButNotCommandLineArguments() {
        StandardEnvironment environment =
                environmentWith(Map.of("PLUGIN_IO_SECRET__demo__key", "from-env", "PLUGIN_IO_SECRET__demo__b", "env"));
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "application.yml",
                        Map.of(
                                "plugin-io.plugins[demo].secrets[key]", "from-file",
                                "plugin-io.plugins[demo].secrets[only-in-file]", "file")));
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "commandLineArgs", Map.of("plugin-io.plugins[demo].secrets[b]", "from-command-line")));

        assertThat(bind(environment).plugins().get("demo").secrets())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("key", "from-env", "only-in-file", "file", "b", "from-command-line"));
    }

    @Test
    void malformedVariablesAreIgnored() {
        assertThat(SecretsEnvironmentPostProcessor.toProperties(Map.of(
                        "PLUGIN_IO_SECRET__", "x",
                        "PLUGIN_IO_SECRET__nosecret", "x",
                        "PLUGIN_IO_SECRET____secret", "x",
                        "PLUGIN_IO_SECRET__plugin__", "x",
                        "PATH", "/usr/bin")))
                .isEmpty();
    }

    @Test
    void withoutVariablesNoPropertySourceIsAdded() {
        StandardEnvironment environment = environmentWith(Map.of("HOME", "/root"));
        int before = environment.getPropertySources().size();

        new SecretsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources().size()).isEqualTo(before);
    }
}
