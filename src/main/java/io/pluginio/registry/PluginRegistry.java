package io.pluginio.registry;

import io.pluginio.plugin.Names;
import io.pluginio.plugin.Plugin;
import io.pluginio.plugin.Secrets;
import io.pluginio.plugin.WebSocketApi;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * The plugins of this service: detected once, after all singletons exist, from the beans annotated
 * {@link Plugin @Plugin} (proxies seen through). Start-up fails with a message naming the classes
 * when a plugin name is invalid or two {@link WebSocketApi} beans of one plugin claim one channel.
 */
@Component
public final class PluginRegistry implements SmartInitializingSingleton {

    private final ConfigurableListableBeanFactory beanFactory;

    private final PluginsProperties properties;

    private final Map<String, Secrets> secrets = new HashMap<>();

    private volatile Map<String, PluginWebSockets> webSockets = Map.of();

    private volatile Set<String> plugins = Set.of();

    PluginRegistry(ConfigurableListableBeanFactory beanFactory, PluginsProperties properties) {
        this.beanFactory = beanFactory;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Set<String> names = new TreeSet<>();
        Map<String, PluginWebSockets.Builder> builders = new HashMap<>();
        for (String beanName : beanFactory.getBeanNamesForAnnotation(Plugin.class)) {
            Class<?> type = beanFactory.getType(beanName);
            if (type == null) {
                continue;
            }
            String plugin = pluginName(type);
            names.add(plugin);
            Object bean = beanFactory.getBean(beanName);
            if (bean instanceof WebSocketApi handler) {
                builders.computeIfAbsent(plugin, PluginWebSockets.Builder::new)
                        .add(handler, ClassUtils.getUserClass(type));
            }
        }
        Map<String, PluginWebSockets> built = new HashMap<>();
        builders.forEach((plugin, builder) -> built.put(plugin, builder.build()));
        this.webSockets = Map.copyOf(built);
        this.plugins = Set.copyOf(names);
        properties.plugins().keySet().stream()
                .filter(name -> !names.contains(name))
                .forEach(name -> org.slf4j.LoggerFactory.getLogger(PluginRegistry.class)
                        .warn("Configuration names plugin '{}', which is not installed", name));
    }

    /**
     * The plugin name of a {@code @Plugin} class, validated.
     *
     * @throws IllegalStateException naming the class when the name is invalid or the class is not a
     *     plugin
     */
    public static String pluginName(Class<?> type) {
        Class<?> userClass = ClassUtils.getUserClass(type);
        Plugin plugin = AnnotatedElementUtils.findMergedAnnotation(userClass, Plugin.class);
        if (plugin == null) {
            throw new IllegalStateException(userClass.getName() + " is not annotated @Plugin");
        }
        if (!Names.isValidPluginName(plugin.value())) {
            throw new IllegalStateException("Invalid plugin name '" + plugin.value() + "' on " + userClass.getName()
                    + ": plugin names may contain only letters, digits and underscores");
        }
        return plugin.value();
    }

    /** Whether a plugin of that name is installed. */
    public boolean hasPlugin(String plugin) {
        return plugins.contains(plugin);
    }

    /** The installed plugins' names. */
    public Set<String> pluginNames() {
        return plugins;
    }

    /** The handler that decides who may connect to {@code channel} of {@code plugin}, if any. */
    public Optional<WebSocketApi> webSocketHandler(String plugin, String channel) {
        PluginWebSockets handlers = webSockets.get(plugin);
        return handlers == null ? Optional.empty() : handlers.handlerFor(channel);
    }

    /** The secrets of {@code plugin}; empty when none are configured. */
    public Secrets secrets(String plugin) {
        synchronized (secrets) {
            return secrets.computeIfAbsent(plugin, name -> {
                PluginsProperties.PluginProperties settings =
                        properties.plugins().get(name);
                return new ConfiguredSecrets(name, settings == null ? Map.of() : settings.secrets());
            });
        }
    }

    /** The WebSocket handlers of one plugin: one catch-all, or several with disjoint channel sets. */
    private record PluginWebSockets(@Nullable WebSocketApi catchAll, Map<String, WebSocketApi> byChannel) {

        Optional<WebSocketApi> handlerFor(String channel) {
            WebSocketApi handler = byChannel.get(channel);
            return Optional.ofNullable(handler != null ? handler : catchAll);
        }

        static final class Builder {

            private final String plugin;

            private @Nullable WebSocketApi catchAll;

            private @Nullable Class<?> catchAllType;

            private final Map<String, WebSocketApi> byChannel = new HashMap<>();

            private final Map<String, Class<?>> typeByChannel = new HashMap<>();

            Builder(String plugin) {
                this.plugin = plugin;
            }

            void add(WebSocketApi handler, Class<?> type) {
                Set<String> channels = handler.channels();
                for (String channel : channels) {
                    if (!Names.isValidChannelName(channel)) {
                        throw new IllegalStateException(
                                "Invalid channel name '" + channel + "' in channels() of " + type.getName());
                    }
                }
                if (channels.isEmpty()) {
                    Class<?> other = catchAllType != null
                            ? catchAllType
                            : typeByChannel.values().stream().findFirst().orElse(null);
                    if (other != null) {
                        throw conflict(type, other, "every channel");
                    }
                    catchAll = handler;
                    catchAllType = type;
                    return;
                }
                if (catchAllType != null) {
                    throw conflict(type, catchAllType, "every channel");
                }
                for (String channel : channels) {
                    Class<?> other = typeByChannel.get(channel);
                    if (other != null) {
                        throw conflict(type, other, "channel '" + channel + "'");
                    }
                }
                for (String channel : channels) {
                    byChannel.put(channel, handler);
                    typeByChannel.put(channel, type);
                }
            }

            private IllegalStateException conflict(Class<?> type, Class<?> other, String what) {
                List<String> both = List.of(other.getName(), type.getName());
                return new IllegalStateException("Plugin '" + plugin + "' has two WebSocket handlers for " + what
                        + ": " + both.get(0) + " and " + both.get(1)
                        + ". Give each a disjoint channels() set, or keep one catch-all handler.");
            }

            PluginWebSockets build() {
                return new PluginWebSockets(catchAll, Map.copyOf(byChannel));
            }
        }
    }
}
