package io.pluginio.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.pluginio.plugin.Plugin;
import io.pluginio.plugin.WebSocket;
import io.pluginio.plugin.WebSocketApi;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class PluginRegistryTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(RegistryConfiguration.class)
            .withPropertyValues(
                    "plugin-io.plugins[alpha].secrets[ws-key]=s3cret", "plugin-io.plugins[beta_2].secrets[k]=v");

    @Test
    void aCatchAllHandlerDecidesForEveryChannelOfItsPlugin() {
        runner.withBean(CatchAll.class).run(context -> {
            PluginRegistry registry = context.getBean(PluginRegistry.class);

            assertThat(registry.hasPlugin("alpha")).isTrue();
            assertThat(registry.webSocketHandler("alpha", "anything")).containsInstanceOf(CatchAll.class);
            assertThat(registry.webSocketHandler("other", "anything")).isEmpty();
        });
    }

    @Test
    void handlersWithDisjointChannelsEachDecideForTheirOwn() {
        runner.withBean(OnlyNews.class).withBean(OnlyAlerts.class).run(context -> {
            PluginRegistry registry = context.getBean(PluginRegistry.class);

            assertThat(registry.webSocketHandler("alpha", "news")).containsInstanceOf(OnlyNews.class);
            assertThat(registry.webSocketHandler("alpha", "alerts")).containsInstanceOf(OnlyAlerts.class);
            assertThat(registry.webSocketHandler("alpha", "other")).isEmpty();
        });
    }

    @Test
    void twoHandlersClaimingOneChannelFailStartUpNamingBoth() {
        runner.withBean(OnlyNews.class)
                .withBean(AlsoNews.class)
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasMessageContaining("channel 'news'")
                        .hasMessageContaining(OnlyNews.class.getName())
                        .hasMessageContaining(AlsoNews.class.getName()));
    }

    @Test
    void aCatchAllBesideAnotherHandlerFailsStartUpNamingBoth() {
        runner.withBean(CatchAll.class)
                .withBean(OnlyNews.class)
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasMessageContaining("every channel")
                        .hasMessageContaining(CatchAll.class.getName())
                        .hasMessageContaining(OnlyNews.class.getName()));
    }

    @Test
    void anInvalidPluginNameFailsStartUpNamingTheClass() {
        runner.withBean(BadName.class)
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasMessageContaining("Invalid plugin name 'bad-name'")
                        .hasMessageContaining(BadName.class.getName()));
    }

    @Test
    void anInvalidChannelInChannelsFailsStartUpNamingTheClass() {
        runner.withBean(BadChannel.class)
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasMessageContaining("Invalid channel name 'no spaces'")
                        .hasMessageContaining(BadChannel.class.getName()));
    }

    @Test
    void eachPluginSeesOnlyItsOwnSecrets() {
        runner.withBean(CatchAll.class).run(context -> {
            PluginRegistry registry = context.getBean(PluginRegistry.class);

            assertThat(registry.secrets("alpha").get("ws-key")).contains("s3cret");
            assertThat(registry.secrets("alpha").get("k")).isEmpty();
            assertThat(registry.secrets("beta_2").get("k")).contains("v");
            assertThat(registry.secrets("beta_2").get("ws-key")).isEmpty();
        });
    }

    @Test
    void classesOfOnePluginAreDistinctBeans() {
        runner.withBean(OnlyNews.class)
                .withBean(OnlyAlerts.class)
                .run(context -> assertThat(context.getBeanNamesForAnnotation(Plugin.class))
                        .hasSize(2));
    }

    @Test
    void secretsCompareWholeValuesAndNeverPrintThem() {
        runner.withBean(CatchAll.class).run(context -> {
            PluginRegistry registry = context.getBean(PluginRegistry.class);

            assertThat(registry.secrets("alpha").matches("ws-key", "s3cret")).isTrue();
            assertThat(registry.secrets("alpha").matches("ws-key", "s3cre")).isFalse();
            assertThat(registry.secrets("alpha").matches("missing", "")).isFalse();
            assertThat(registry.secrets("alpha").toString()).contains("ws-key").doesNotContain("s3cret");
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PluginsProperties.class)
    @Import(PluginRegistry.class)
    static class RegistryConfiguration {}

    @Plugin("alpha")
    static class CatchAll implements WebSocketApi {
        @Override
        public boolean authenticate(WebSocket websocket) {
            return true;
        }
    }

    @Plugin("alpha")
    static class OnlyNews implements WebSocketApi {
        @Override
        public boolean authenticate(WebSocket websocket) {
            return true;
        }

        @Override
        public Set<String> channels() {
            return Set.of("news");
        }
    }

    @Plugin("alpha")
    static class AlsoNews extends OnlyNews {}

    @Plugin("alpha")
    static class OnlyAlerts extends OnlyNews {
        @Override
        public Set<String> channels() {
            return Set.of("alerts");
        }
    }

    @Plugin("bad-name")
    static class BadName extends CatchAll {}

    @Plugin("alpha")
    static class BadChannel extends OnlyNews {
        @Override
        public Set<String> channels() {
            return Set.of("no spaces");
        }
    }
}
