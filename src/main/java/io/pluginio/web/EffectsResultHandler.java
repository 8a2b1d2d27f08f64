package io.pluginio.web;

import io.pluginio.plugin.Broadcast;
import io.pluginio.plugin.Broadcaster;
import io.pluginio.plugin.Effect;
import io.pluginio.plugin.JSONResponse;
import io.pluginio.plugin.Response;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerResult;
import org.springframework.web.reactive.HandlerResultHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries out the {@linkplain Effect effects} a plugin route returns: {@code List<Effect>}, {@code
 * Effect}, {@code Mono<List<Effect>>}, {@code Mono<Effect>} or {@code Flux<Effect>} (any reactive
 * type Spring adapts). Other return values are left to Spring's own handlers.
 *
 * <ul>
 *   <li>two or more responses: 500, nothing sent;
 *   <li>a 4xx/5xx response: that response alone, the other effects dropped;
 *   <li>otherwise every broadcast is sent, in order, through the {@link Broadcaster} with the
 *       route's own plugin name, and only then the response (or 204 when there is none) is
 *       written; a broadcast the broker refuses ({@code BrokerUnavailableException}) turns the
 *       answer into 503, any other failure into 500.
 * </ul>
 *
 * A route may return at most {@value #MAX_EFFECTS} effects; more is a 500 with nothing sent (a
 * {@code Flux} is cancelled there, so an endless one cannot exhaust memory).
 *
 * <p>Ordered before Spring's {@code ResponseBodyResultHandler} (100), which would otherwise write
 * the effects as a JSON body.
 */
final class EffectsResultHandler implements HandlerResultHandler, Ordered {

    static final int MAX_EFFECTS = 1000;

    private final RouteClasses routeClasses;

    private final ObjectProvider<Broadcaster> broadcaster;

    private final JsonMapper jsonMapper;

    private final ReactiveAdapterRegistry adapters = ReactiveAdapterRegistry.getSharedInstance();

    EffectsResultHandler(RouteClasses routeClasses, ObjectProvider<Broadcaster> broadcaster, JsonMapper jsonMapper) {
        this.routeClasses = routeClasses;
        this.broadcaster = broadcaster;
        this.jsonMapper = jsonMapper;
    }

    @Override
    public int getOrder() {
        return 50;
    }

    @Override
    public boolean supports(HandlerResult result) {
        if (!(result.getHandler() instanceof HandlerMethod handler)
                || routeClasses.find(handler.getBeanType()) == null) {
            return false;
        }
        ResolvableType type = result.getReturnType();
        ReactiveAdapter adapter = adapters.getAdapter(type.resolve(), result.getReturnValue());
        return isEffects(adapter != null ? type.getGeneric() : type) || isEffects(result.getReturnValue());
    }

    private static boolean isEffects(ResolvableType type) {
        if (Effect.class.isAssignableFrom(type.toClass())) {
            return true;
        }
        return Collection.class.isAssignableFrom(type.toClass())
                && Effect.class.isAssignableFrom(
                        type.asCollection().getGeneric().toClass());
    }

    private static boolean isEffects(@Nullable Object value) {
        return value instanceof Effect
                || (value instanceof Collection<?> collection
                        && !collection.isEmpty()
                        && collection.stream().allMatch(Effect.class::isInstance));
    }

    @Override
    public Mono<Void> handleResult(ServerWebExchange exchange, HandlerResult result) {
        HandlerMethod handler = (HandlerMethod) result.getHandler();
        RouteClass routeClass = routeClasses.find(handler.getBeanType());
        String route =
                handler.getBeanType().getName() + "#" + handler.getMethod().getName();
        return effects(result.getReturnValue())
                .flatMap(effects ->
                        apply(routeClass == null ? "" : routeClass.plugin(), route, effects, exchange.getResponse()));
    }

    private Mono<List<Effect>> effects(@Nullable Object value) {
        ReactiveAdapter adapter = value == null ? null : adapters.getAdapter(value.getClass());
        Flux<?> items = adapter != null && value != null
                ? Flux.from(adapter.toPublisher(value))
                        .concatMapIterable(item -> item instanceof Collection<?> c ? c : List.of(item))
                : Flux.fromIterable(value instanceof Collection<?> c ? c : value == null ? List.of() : List.of(value));
        return items.take(MAX_EFFECTS + 1L).collectList().map(list -> {
            if (list.size() > MAX_EFFECTS) {
                throw new IllegalStateException("A route returned more than " + MAX_EFFECTS + " effects");
            }
            List<Effect> effects = new ArrayList<>(list.size());
            for (Object item : list) {
                if (!(item instanceof Effect effect)) {
                    throw new IllegalStateException("A route returned " + item + " among its effects");
                }
                effects.add(effect);
            }
            return effects;
        });
    }

    private Mono<Void> apply(String plugin, String route, List<Effect> effects, ServerHttpResponse http) {
        List<Response> responses = effects.stream()
                .filter(Response.class::isInstance)
                .map(Response.class::cast)
                .toList();
        if (responses.size() > 1) {
            return Mono.error(new IllegalStateException(
                    route + " returned " + responses.size() + " responses; a route returns at most one"));
        }
        Response response = responses.isEmpty() ? null : responses.get(0);
        // Serialised before any side effect, so that a body that cannot be written sends nothing.
        byte[] body = response == null ? null : body(response);
        if (response != null && response.isError()) {
            return write(http, response, body);
        }
        Broadcaster target = broadcaster.getIfAvailable();
        List<Broadcast> broadcasts = effects.stream()
                .filter(Broadcast.class::isInstance)
                .map(Broadcast.class::cast)
                .toList();
        if (!broadcasts.isEmpty() && target == null) {
            return Mono.error(new IllegalStateException("No Broadcaster bean: cannot carry out broadcasts"));
        }
        Mono<Void> sent = Flux.fromIterable(broadcasts)
                .concatMap(broadcast -> target.broadcast(plugin, broadcast.channel(), broadcast.message()))
                .then();
        return sent.then(Mono.defer(() -> response == null ? noContent(http) : write(http, response, body)));
    }

    private byte @Nullable [] body(Response response) {
        Object content = response.content();
        if (response instanceof JSONResponse) {
            return jsonMapper.writeValueAsBytes(content);
        }
        return (byte[]) content;
    }

    private static Mono<Void> noContent(ServerHttpResponse http) {
        http.setStatusCode(HttpStatus.NO_CONTENT);
        return http.setComplete();
    }

    private static Mono<Void> write(ServerHttpResponse http, Response response, byte @Nullable [] body) {
        http.setStatusCode(response.status());
        http.getHeaders().putAll(response.headers());
        if (body == null) {
            return http.setComplete();
        }
        return http.writeWith(Mono.fromSupplier(() -> http.bufferFactory().wrap(body)));
    }
}
