package io.pluginio.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * The {@code @Plugin} classes that declare routes, filled by {@link PluginRouteMapping} at start-up
 * and read per request by the argument resolvers and the effects handler. A bean of its own so
 * that those need not depend on the mapping (which depends on the WebFlux configuration they are
 * part of).
 */
final class RouteClasses {

    private final Map<Class<?>, RouteClass> byType = new ConcurrentHashMap<>();

    /** The route class of {@code handlerType}, inspected once. */
    RouteClass register(Class<?> handlerType) {
        return byType.computeIfAbsent(ClassUtils.getUserClass(handlerType), RouteClass::of);
    }

    /** The route class of a handler's bean type, if it is a plugin route class. */
    @Nullable
    RouteClass find(Class<?> beanType) {
        return byType.get(ClassUtils.getUserClass(beanType));
    }
}
