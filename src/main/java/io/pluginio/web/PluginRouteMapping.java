package io.pluginio.web;

import io.pluginio.plugin.AuthenticationException;
import io.pluginio.plugin.Credentials;
import io.pluginio.plugin.Names;
import io.pluginio.plugin.Plugin;
import io.pluginio.plugin.Request;
import io.pluginio.plugin.Secrets;
import io.pluginio.plugin.SimpleApi;
import io.pluginio.registry.PluginRegistry;
import io.pluginio.security.Identity;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Mounts the Spring mapping methods of {@code @Plugin} beans under {@code /plugin-io/api/<plugin>}
 * and authenticates each request after its route matched and before its handler runs.
 *
 * <p>Spring's main {@code RequestMappingHandlerMapping} detects only {@code @Controller} beans, so
 * this one, which detects only {@code @Plugin} beans, is their sole mapping. Everything else (path
 * matching, conditions, path variables, argument resolution, return value handling) is Spring's.
 *
 * <p>Authentication sits in {@link #getHandlerInternal}: that is the one place that knows both that
 * a route matched (so an unknown path is a 404 decided before authentication) and which class it
 * belongs to, and it returns a {@code Mono}, so {@code authenticate} can run on a worker thread.
 * A refusal is an error signal ({@link io.pluginio.plugin.AuthenticationException}) that {@link
 * ApiErrorHandler} writes as 401; the handler adapter and its argument resolvers never run, so the
 * body is not read for a refused request.
 *
 * <p>Under {@code /plugin-io/api/} this mapping answers every request: no route for the method and
 * path (a wrong method on an existing path included, never 405) is 404, and no other mapping (static
 * resources, controllers) is consulted.
 */
final class PluginRouteMapping extends RequestMappingHandlerMapping {

    static final String API_PREFIX = "/plugin-io/api/";

    // Path variables have no say in whether two routes collide: /a/{x} and /a/{y} are one route.
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}]*}");

    private final PluginRegistry registry;

    private final RouteClasses routeClasses;

    private final Map<String, HandlerMethod> routesByKey = new HashMap<>();

    PluginRouteMapping(PluginRegistry registry, RouteClasses routeClasses) {
        this.registry = registry;
        this.routeClasses = routeClasses;
    }

    @Override
    public void afterPropertiesSet() {
        super.afterPropertiesSet();
        // Only needed while routes are registered.
        routesByKey.clear();
    }

    @Override
    protected boolean isHandler(Class<?> beanType) {
        return AnnotatedElementUtils.hasAnnotation(beanType, Plugin.class);
    }

    @Override
    protected @Nullable RequestMappingInfo getMappingForMethod(Method method, Class<?> handlerType) {
        RequestMappingInfo info = super.getMappingForMethod(method, handlerType);
        if (info == null) {
            return null;
        }
        RouteClass routeClass = routeClasses.register(handlerType);
        checkBodyIsReadOnce(method, routeClass);
        return RequestMappingInfo.paths(API_PREFIX + routeClass.plugin())
                .build()
                .combine(info);
    }

    /** A body can be read once: a route takes {@code Request} or a Spring body argument, not both. */
    private static void checkBodyIsReadOnce(Method method, RouteClass routeClass) {
        List<Class<?>> types = List.of(method.getParameterTypes());
        boolean springBody = Stream.of(method.getParameterAnnotations())
                .flatMap(Stream::of)
                .anyMatch(annotation -> annotation instanceof RequestBody || annotation instanceof RequestPart);
        if (types.contains(Request.class) && springBody) {
            throw new IllegalStateException(routeClass.type().getName() + "#" + method.getName()
                    + " takes both a Request and a @RequestBody/@RequestPart argument; the body can be read"
                    + " only once: use Request's body accessors or the Spring argument, not both");
        }
    }

    /**
     * Rejects a second route for the same method and path in one plugin, naming both. Spring's own
     * check ("Ambiguous mapping") catches only identical mappings; this one also catches routes that
     * differ only in path variable names or share one method of several.
     */
    @Override
    protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
        HandlerMethod handlerMethod = createHandlerMethod(handler, method);
        for (String key : routeKeys(mapping)) {
            HandlerMethod existing = routesByKey.putIfAbsent(key, handlerMethod);
            if (existing != null && !existing.equals(handlerMethod)) {
                throw new IllegalStateException("Two routes map " + key + ": " + describe(existing) + " and "
                        + describe(handlerMethod) + ". A plugin maps each method and path once.");
            }
        }
        super.registerHandlerMethod(handler, method, mapping);
    }

    private static List<String> routeKeys(RequestMappingInfo mapping) {
        Set<RequestMethod> declared = mapping.getMethodsCondition().getMethods();
        // A mapping without methods answers every method.
        Set<RequestMethod> methods = declared.isEmpty() ? Set.of(RequestMethod.values()) : declared;
        // Conditions beyond method and path (consumes, params, ...) are Spring's way to tell two
        // routes on one path apart, so they are part of the key.
        String conditions = Stream.of(
                        mapping.getParamsCondition(),
                        mapping.getHeadersCondition(),
                        mapping.getConsumesCondition(),
                        mapping.getProducesCondition())
                .filter(condition -> !condition.isEmpty())
                .map(Object::toString)
                .reduce("", (a, b) -> a + " " + b);
        return mapping.getPatternsCondition().getPatterns().stream()
                .map(pattern ->
                        PATH_VARIABLE.matcher(pattern.getPatternString()).replaceAll("{}"))
                .flatMap(path -> methods.stream().map(m -> m + " " + path + conditions))
                .toList();
    }

    private static String describe(HandlerMethod handlerMethod) {
        return handlerMethod.getBeanType().getName() + "#"
                + handlerMethod.getMethod().getName();
    }

    @Override
    public Mono<HandlerMethod> getHandlerInternal(ServerWebExchange exchange) {
        if (!isApiPath(exchange)) {
            return Mono.empty();
        }
        String plugin = pluginSegment(exchange);
        if (!plugin.isEmpty() && !Names.isValidPluginName(plugin)) {
            // SPEC 2: a name outside the rules is a bad request, as on the WebSocket endpoint (4400).
            return Mono.error(new InvalidPluginNameException());
        }
        return super.getHandlerInternal(exchange)
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)))
                .flatMap(handler -> authenticate(handler, exchange));
    }

    private Mono<HandlerMethod> authenticate(HandlerMethod handler, ServerWebExchange exchange) {
        RouteClass routeClass = routeClasses.find(handler.getBeanType());
        if (routeClass == null || CorsUtils.isPreFlightRequest(exchange.getRequest())) {
            return Mono.just(handler);
        }
        @SuppressWarnings("unchecked")
        SimpleApi<Credentials> api = (SimpleApi<Credentials>) handler.getBean();
        Secrets secrets = registry.secrets(routeClass.plugin());
        return exchange.getPrincipal()
                .map(Identity::from)
                .defaultIfEmpty(Identity.anonymous())
                // authenticate may block (it may look something up): never on the event loop.
                .publishOn(Schedulers.boundedElastic())
                .map(identity -> {
                    Credentials credentials = routeClass.credentials(exchange.getRequest(), secrets, api, identity);
                    if (!api.authenticate(credentials)) {
                        throw new AuthenticationException.InvalidCredentials();
                    }
                    return handler;
                });
    }

    /**
     * A wrong method on an existing path is 404 as for any unknown route (the original answers so),
     * and Spring's automatic OPTIONS answer does not apply to plugins either. Content type
     * mismatches stay Spring's 415.
     */
    @Override
    protected @Nullable HandlerMethod handleNoMatch(Set<RequestMappingInfo> infos, ServerWebExchange exchange)
            throws Exception {
        try {
            HandlerMethod handler = super.handleNoMatch(infos, exchange);
            return handler != null && routeClasses.find(handler.getBeanType()) != null ? handler : null;
        } catch (MethodNotAllowedException ex) {
            return null;
        }
    }

    /** The still-encoded path segment after {@code /plugin-io/api/}; empty when there is none. */
    private static String pluginSegment(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith(API_PREFIX)) {
            return "";
        }
        int end = path.indexOf('/', API_PREFIX.length());
        return path.substring(API_PREFIX.length(), end < 0 ? path.length() : end);
    }

    /** A plugin name in an API URL that the name rules refuse. */
    static final class InvalidPluginNameException extends ResponseStatusException {

        static final String MESSAGE =
                "Invalid plugin name. Plugin name must be alphanumeric and can contain underscores.";

        InvalidPluginNameException() {
            super(HttpStatus.BAD_REQUEST, MESSAGE);
        }
    }

    static boolean isApiPath(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        return path.startsWith(API_PREFIX) || path.equals(API_PREFIX.substring(0, API_PREFIX.length() - 1));
    }
}
