package io.pluginio.web;

import io.pluginio.plugin.ApiKeyCredentials;
import io.pluginio.plugin.AuthenticationException;
import io.pluginio.plugin.BasicCredentials;
import io.pluginio.plugin.BearerCredentials;
import io.pluginio.plugin.Credentials;
import io.pluginio.plugin.Secrets;
import io.pluginio.plugin.SessionCredentials;
import io.pluginio.plugin.SimpleApi;
import io.pluginio.registry.PluginRegistry;
import io.pluginio.security.Identity;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.ClassUtils;

/**
 * A {@code @Plugin} class that declares routes: its plugin and the credentials type it asks for,
 * both worked out once at start-up.
 *
 * @param type the user class (proxies seen through)
 * @param plugin the plugin name, validated
 * @param credentialsType the {@code C} of {@code SimpleApi<C>}
 */
record RouteClass(Class<?> type, String plugin, Class<? extends Credentials> credentialsType) {

    /**
     * Inspects a class that declares routes.
     *
     * @throws IllegalStateException naming the class when it does not implement {@link SimpleApi},
     *     its credentials type cannot be determined, or a custom credentials type has no {@code
     *     (ServerHttpRequest, Secrets)} constructor
     */
    static RouteClass of(Class<?> handlerType) {
        Class<?> type = ClassUtils.getUserClass(handlerType);
        String plugin = PluginRegistry.pluginName(type);
        if (!SimpleApi.class.isAssignableFrom(type)) {
            throw new IllegalStateException(type.getName() + " declares routes of plugin '" + plugin
                    + "' but does not implement SimpleApi: every route must authenticate its requests"
                    + " (implement SimpleApi<C>, ApiKeyAuth, BasicAuth, StaffSessionAuth or PatientSessionAuth)");
        }
        Class<?> resolved =
                ResolvableType.forClass(type).as(SimpleApi.class).getGeneric(0).resolve();
        if (resolved == null || !Credentials.class.isAssignableFrom(resolved)) {
            throw new IllegalStateException("Cannot determine the credentials type of " + type.getName()
                    + ": implement SimpleApi<C> with a concrete credentials type C");
        }
        Class<? extends Credentials> credentialsType = resolved.asSubclass(Credentials.class);
        if (!isBuiltIn(credentialsType) && customConstructor(credentialsType) == null) {
            throw new IllegalStateException("Credentials type " + credentialsType.getName() + " of " + type.getName()
                    + " needs a public constructor (ServerHttpRequest, Secrets)");
        }
        return new RouteClass(type, plugin, credentialsType);
    }

    /**
     * Parses the request into this class's credentials type.
     *
     * @throws AuthenticationException if the request does not carry well-formed credentials
     */
    Credentials credentials(ServerHttpRequest request, Secrets secrets, SimpleApi<?> api, Identity identity) {
        if (credentialsType == Credentials.class) {
            return new Credentials(request, secrets);
        }
        if (credentialsType == BasicCredentials.class) {
            return new BasicCredentials(request, secrets);
        }
        if (credentialsType == BearerCredentials.class) {
            return new BearerCredentials(request, secrets);
        }
        if (credentialsType == ApiKeyCredentials.class) {
            return new ApiKeyCredentials(request, secrets, api.apiKeyHeader());
        }
        if (credentialsType == SessionCredentials.class) {
            return new SessionCredentials(
                    request,
                    secrets,
                    identity.loggedInUser().orElseThrow(AuthenticationException.InvalidCredentials::new));
        }
        return custom(request, secrets);
    }

    private Credentials custom(ServerHttpRequest request, Secrets secrets) {
        // Present: of() checked it at start-up.
        Constructor<? extends Credentials> constructor = Objects.requireNonNull(customConstructor(credentialsType));
        try {
            return constructor.newInstance(request, secrets);
        } catch (InvocationTargetException ex) {
            if (ex.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Cannot create " + credentialsType.getName(), ex.getCause());
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("Cannot create " + credentialsType.getName(), ex);
        }
    }

    private static boolean isBuiltIn(Class<?> type) {
        return type == Credentials.class
                || type == BasicCredentials.class
                || type == BearerCredentials.class
                || type == ApiKeyCredentials.class
                || type == SessionCredentials.class;
    }

    private static @Nullable Constructor<? extends Credentials> customConstructor(Class<? extends Credentials> type) {
        return ClassUtils.getConstructorIfAvailable(type, ServerHttpRequest.class, Secrets.class);
    }
}
