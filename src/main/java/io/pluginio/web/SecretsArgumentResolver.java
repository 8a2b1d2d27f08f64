package io.pluginio.web;

import io.pluginio.plugin.Secrets;
import io.pluginio.registry.PluginRegistry;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Resolves {@link Secrets} arguments of plugin routes to the secrets of the route's own plugin: the
 * plugin comes from the route class's {@code @Plugin}, never from the request, so no route can read
 * another plugin's secrets.
 */
final class SecretsArgumentResolver implements HandlerMethodArgumentResolver {

    private final RouteClasses routeClasses;

    private final PluginRegistry registry;

    SecretsArgumentResolver(RouteClasses routeClasses, PluginRegistry registry) {
        this.routeClasses = routeClasses;
        this.registry = registry;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Secrets.class
                && routeClasses.find(parameter.getContainingClass()) != null;
    }

    @Override
    public Mono<Object> resolveArgument(
            MethodParameter parameter, BindingContext bindingContext, ServerWebExchange exchange) {
        RouteClass routeClass = routeClasses.find(parameter.getContainingClass());
        if (routeClass == null) {
            return Mono.error(new IllegalStateException("Secrets are available to plugin routes only"));
        }
        return Mono.just(registry.secrets(routeClass.plugin()));
    }
}
