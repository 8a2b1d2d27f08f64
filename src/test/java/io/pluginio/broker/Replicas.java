package io.pluginio.broker;

import io.pluginio.PluginIoApplication;
import io.pluginio.plugin.Plugin;
import io.pluginio.plugin.WebSocket;
import io.pluginio.plugin.WebSocketApi;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Starts whole replicas of the service in one JVM (each its own application context and server on a
 * random port, all on the redis broker) and connects WebSocket clients to them. The example plugin
 * {@code notifications_demo} gets its API keys ({@link #WS_API_KEY}, {@link #SIMPLEAPI_API_KEY}); plugin
 * {@code replica_tests} lets everyone in on every channel; {@code replica_other} too, so that
 * same-named channels of two plugins can be told apart.
 */
final class Replicas {

    /** What WebSocket clients of the example plugin {@code notifications_demo} send as {@code api_key}. */
    static final String WS_API_KEY = "replicas-ws-key";

    /** What callers of the example plugin's HTTP routes send as {@code Authorization}. */
    static final String SIMPLEAPI_API_KEY = "replicas-api-key";

    private Replicas() {}

    /** Starts a replica; {@code properties} as {@code name=value}, winning over application.yml. */
    static ConfigurableApplicationContext start(String redisUrl, String... properties) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--plugin-io.broker=redis",
                "--spring.data.redis.url=" + redisUrl,
                "--plugin-io.history.size=1000",
                "--plugin-io.plugins[notifications_demo].secrets[ws-api-key]=" + WS_API_KEY,
                "--plugin-io.plugins[notifications_demo].secrets[simpleapi-api-key]=" + SIMPLEAPI_API_KEY,
                "--spring.lifecycle.timeout-per-shutdown-phase=2s"));
        for (String property : properties) {
            arguments.add("--" + property);
        }
        return new SpringApplicationBuilder(PluginIoApplication.class, ReplicaSetup.class)
                // as @SpringBootTest does: other tests' nested configurations stay out of the scan
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton("replicasTestTypeExcludeFilter", new NestedInTestsExcludeFilter()))
                .run(arguments.toArray(String[]::new));
    }

    /**
     * {@code POST /plugin-io/api/notifications_demo/channels/<channel>} on {@code replica}: the
     * example route that broadcasts its JSON body; completes with the response status.
     */
    static Mono<Integer> post(ConfigurableApplicationContext replica, String channel, String json) {
        return WebClient.create("http://127.0.0.1:" + port(replica))
                .post()
                .uri("/plugin-io/api/notifications_demo/channels/{channel}", channel)
                .header(HttpHeaders.AUTHORIZATION, SIMPLEAPI_API_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchangeToMono(response ->
                        response.releaseBody().thenReturn(response.statusCode().value()));
    }

    static int port(ConfigurableApplicationContext replica) {
        return ((WebServerApplicationContext) replica).getWebServer().getPort();
    }

    static FrameClient connect(ConfigurableApplicationContext replica, String plugin, String channel, String query) {
        return FrameClient.connect(port(replica), "/plugin-io/ws/" + plugin + "/" + channel + "/" + query);
    }

    /**
     * What a replica adds to the service. A {@code @TestConfiguration}, so that the component scan of
     * {@code @SpringBootTest} contexts passes over it and the classes nested in it: as a plain
     * {@code @Configuration} its resource factory and plugins joined every test context of the suite.
     */
    @TestConfiguration(proxyBeanMethods = false)
    @Import({ReplicaSetup.ReplicaTestsAccess.class, ReplicaSetup.OtherAccess.class})
    static class ReplicaSetup {

        /**
         * Each replica gets its own Netty event loops: with the global ones, stopping one replica would
         * stop the others' servers too, which real replicas never share. The auto-configured factory
         * stays, with its {@code spring.reactor.netty.*} settings, as in {@code @SpringBootTest} contexts.
         */
        @Bean
        static BeanPostProcessor ownNettyResources() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessBeforeInitialization(Object bean, String beanName) {
                    if (bean instanceof ReactorResourceFactory factory) {
                        factory.setUseGlobalResources(false);
                    }
                    return bean;
                }
            };
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
