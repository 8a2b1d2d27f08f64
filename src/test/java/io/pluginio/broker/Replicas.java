package io.pluginio.broker;

import io.pluginio.PluginIoApplication;
import io.pluginio.plugin.Plugin;
import io.pluginio.plugin.WebSocket;
import io.pluginio.plugin.WebSocketApi;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Starts whole replicas of the service in one JVM (each its own application context and server on a
 * random port, all on the redis broker) and connects WebSocket clients to them. Plugin
 * {@code replica_tests} lets everyone in on every channel; {@code replica_other} too, so that
 * same-named channels of two plugins can be told apart.
 */
final class Replicas {

    private Replicas() {}

    /** Starts a replica; {@code properties} as {@code name=value}, winning over application.yml. */
    static ConfigurableApplicationContext start(String redisUrl, String... properties) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--plugin-io.broker=redis",
                "--spring.data.redis.url=" + redisUrl,
                "--plugin-io.history.size=1000",
                "--spring.lifecycle.timeout-per-shutdown-phase=2s"));
        for (String property : properties) {
            arguments.add("--" + property);
        }
        return new SpringApplicationBuilder(
                        PluginIoApplication.class, OwnNettyResources.class, ReplicaTestsAccess.class, OtherAccess.class)
                // as @SpringBootTest does: other tests' nested configurations stay out of the scan
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton("replicasTestTypeExcludeFilter", new NestedInTestsExcludeFilter()))
                .run(arguments.toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext replica) {
        return ((WebServerApplicationContext) replica).getWebServer().getPort();
    }

    static FrameClient connect(ConfigurableApplicationContext replica, String plugin, String channel, String query) {
        return FrameClient.connect(port(replica), "/plugin-io/ws/" + plugin + "/" + channel + "/" + query);
    }

    /**
     * Each replica gets its own Netty event loops: with the global ones, stopping one replica would
     * stop the others' servers too, which real replicas never share.
     */
    @Configuration(proxyBeanMethods = false)
    static class OwnNettyResources {

        @Bean
        ReactorResourceFactory reactorResourceFactory() {
            ReactorResourceFactory factory = new ReactorResourceFactory();
            factory.setUseGlobalResources(false);
            return factory;
        }
    }

    @Plugin("replica_tests")
    static class ReplicaTestsAccess implements WebSocketApi {

        @Override
        public boolean authenticate(WebSocket websocket) {
            return true;
        }
    }

    @Plugin("replica_other")
    static class OtherAccess implements WebSocketApi {

        @Override
        public boolean authenticate(WebSocket websocket) {
            return true;
        }
    }

    /** Leaves classes nested in test classes out of component scanning. */
    private static final class NestedInTestsExcludeFilter extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            String name = reader.getClassMetadata().getClassName();
            return name.contains("Tests$") || name.startsWith(Replicas.class.getName() + "$");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof NestedInTestsExcludeFilter;
        }

        @Override
        public int hashCode() {
            return NestedInTestsExcludeFilter.class.hashCode();
        }
    }
}
