package io.pluginio.websocket;

import io.pluginio.broker.Broker;
import io.pluginio.broker.ChannelKey;
import io.pluginio.channel.ChannelHub;
import io.pluginio.registry.PluginRegistry;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.WebsocketServerSpec;

/** The WebSocket endpoint {@code /plugin-io/ws/**} and the channel hub behind it. */
@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration {

    /**
     * First of all mappings: no plugin route or controller can shadow the endpoint, and a handshake
     * is not first looked up among the plugin routes (order -2), which cost 4 % of its CPU.
     */
    private static final int MAPPING_ORDER = -3;

    @Bean
    ChannelHub channelHub(Broker broker, ObjectProvider<ConnectionListener> listeners, WebSocketProperties properties) {
        return new ChannelHub(
                broker,
                properties.unsubscribeGrace(),
                Schedulers.parallel(),
                properties.sendBufferSize(),
                composite(listeners)::delivered);
    }

    @Bean
    ConnectionRegistry connectionRegistry(WebSocketProperties properties) {
        return new ConnectionRegistry(properties.maxConnections());
    }

    @Bean
    ConnectionPinger connectionPinger(ConnectionRegistry connections, WebSocketProperties properties) {
        return new ConnectionPinger(connections, properties.pingInterval(), Schedulers.parallel());
    }

    @Bean
    ChannelWebSocketHandler channelWebSocketHandler(
            PluginRegistry plugins,
            ChannelHub hub,
            ConnectionRegistry connections,
            ObjectProvider<ConnectionListener> listeners,
            WebSocketProperties properties) {
        return new ChannelWebSocketHandler(plugins, hub, connections, composite(listeners), properties);
    }

    /** Both URL forms, with and without the trailing slash; anything else under the prefix is a 4400. */
    @Bean
    SimpleUrlHandlerMapping pluginIoWebSocketMapping(ChannelWebSocketHandler handler) {
        return new SimpleUrlHandlerMapping(Map.of(ChannelRequest.PREFIX + "**", handler), MAPPING_ORDER);
    }

    /**
     * Caps the size of frames clients may send (Netty closes with 1009 past it), keeps the request's
     * headers instead of copying them into each session, and hands the channel handler the
     * connection's Netty channel, which it writes frames to.
     */
    @Bean
    WebFluxConfigurer pluginIoWebSocketService(WebSocketProperties properties) {
        int maxFrameSize = (int) properties.maxFrameSize().toBytes();
        return new WebFluxConfigurer() {
            @Override
            public WebSocketService getWebSocketService() {
                HandshakeWebSocketService service = new HandshakeWebSocketService(
                        new SharedHeadersUpgradeStrategy(new ReactorNettyRequestUpgradeStrategy(
                                () -> WebsocketServerSpec.builder().maxFramePayloadLength(maxFrameSize))));
                return (exchange, handler) -> {
                    if (handler instanceof ChannelWebSocketHandler channels) {
                        return NettyConnections.channel(exchange)
                                .map(socket ->
                                        service.handleRequest(exchange, session -> channels.handle(session, socket)))
                                .orElseGet(() ->
                                        Mono.error(new IllegalStateException("plugin-io runs on Reactor Netty only")));
                    }
                    return service.handleRequest(exchange, handler);
                };
            }
        };
    }

    /** Every listener bean, called in order. */
    private static ConnectionListener composite(ObjectProvider<ConnectionListener> listeners) {
        return new CompositeListener(listeners.orderedStream().toList());
    }

    private record CompositeListener(List<ConnectionListener> listeners) implements ConnectionListener {

        @Override
        public void accepted(ChannelKey channel) {
            listeners.forEach(listener -> listener.accepted(channel));
        }

        @Override
        public void denied(CloseStatus status) {
            listeners.forEach(listener -> listener.denied(status));
        }

        @Override
        public void delivered(ChannelKey channel, long publishedAt, int connections) {
            for (ConnectionListener listener : listeners) {
                listener.delivered(channel, publishedAt, connections);
            }
        }

        @Override
        public void closedByServer(ChannelKey channel, CloseStatus status) {
            listeners.forEach(listener -> listener.closedByServer(channel, status));
        }

        @Override
        public void disconnected(ChannelKey channel) {
            listeners.forEach(listener -> listener.disconnected(channel));
        }
    }
}
