package io.pluginio.web;

import io.pluginio.plugin.Broadcaster;
import io.pluginio.registry.PluginRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.http.codec.autoconfigure.HttpCodecsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.accept.RequestedContentTypeResolver;
import org.springframework.web.reactive.config.BlockingExecutionConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * SimpleAPI: plugin routes under {@code /plugin-io/api/<plugin>}, their authentication, effects,
 * {@code Request} and {@code Secrets} arguments, and their JSON error bodies.
 *
 * <p>The largest request body a plugin route accepts is Spring's own limit for bodies held in
 * memory, {@code spring.http.codecs.max-in-memory-size} (256 KB unless set): it already bounds
 * {@code @RequestBody} decoding, and the {@code Request} argument uses the same number.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class SimpleApiConfiguration {

    /** Spring's default for codecs that aggregate a body in memory. */
    static final DataSize DEFAULT_MAX_BODY_SIZE = DataSize.ofKilobytes(256);

    @Bean
    RouteClasses pluginRouteClasses() {
        return new RouteClasses();
    }

    @Bean
    PluginRouteMapping pluginRouteMapping(
            PluginRegistry registry,
            RouteClasses routeClasses,
            @Qualifier("webFluxContentTypeResolver") RequestedContentTypeResolver contentTypeResolver) {
        PluginRouteMapping mapping = new PluginRouteMapping(registry, routeClasses);
        // Before Spring's RouterFunctionMapping (-1) and RequestMappingHandlerMapping (0): nothing
        // else answers under /plugin-io/api/.
        mapping.setOrder(-2);
        mapping.setContentTypeResolver(contentTypeResolver);
        return mapping;
    }

    @Bean
    EffectsResultHandler effectsResultHandler(
            RouteClasses routeClasses, ObjectProvider<Broadcaster> broadcaster, JsonMapper jsonMapper) {
        return new EffectsResultHandler(routeClasses, broadcaster, jsonMapper);
    }

    @Bean
    ApiErrorHandler apiErrorHandler(JsonMapper jsonMapper, ObjectProvider<HttpCodecsProperties> codecs) {
        return new ApiErrorHandler(jsonMapper, maxBodySize(codecs));
    }

    @Bean
    WebFluxConfigurer simpleApiArguments(
            RouteClasses routeClasses,
            PluginRegistry registry,
            JsonMapper jsonMapper,
            ObjectProvider<HttpCodecsProperties> codecs) {
        int maxBodySize = maxBodySize(codecs);
        return new WebFluxConfigurer() {
            @Override
            public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                configurer.addCustomResolver(
                        new RequestArgumentResolver(routeClasses, jsonMapper, maxBodySize),
                        new SecretsArgumentResolver(routeClasses, registry));
            }
        };
    }

    /**
     * Plugin route methods may block (a plugin author looks things up, as the original SDK's
     * handlers do), so those that do not return a reactive type run on Reactor's bounded elastic
     * scheduler, never on the event loop, whether or not they read a body. That scheduler bounds its
     * threads and its queue; a task it rejects when full answers 500.
     */
    @Bean
    WebFluxConfigurer simpleApiBlockingExecution(RouteClasses routeClasses) {
        ReactiveAdapterRegistry adapters = ReactiveAdapterRegistry.getSharedInstance();
        return new WebFluxConfigurer() {
            @Override
            public void configureBlockingExecution(BlockingExecutionConfigurer configurer) {
                configurer.setExecutor(new TaskExecutorAdapter(
                        task -> Schedulers.boundedElastic().schedule(task)));
                configurer.setControllerMethodPredicate(method -> routeClasses.find(method.getBeanType()) != null
                        && adapters.getAdapter(method.getReturnType().getParameterType()) == null);
            }
        };
    }

    static int maxBodySize(ObjectProvider<HttpCodecsProperties> codecs) {
        HttpCodecsProperties properties = codecs.getIfAvailable();
        DataSize size = properties == null || properties.getMaxInMemorySize() == null
                ? DEFAULT_MAX_BODY_SIZE
                : properties.getMaxInMemorySize();
        return Math.toIntExact(size.toBytes());
    }
}
