package io.pluginio.websocket;

import io.netty.channel.Channel;
import java.util.Optional;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.Connection;

/**
 * Reaches the Netty channel under a handshake: the channel handler writes frames to it directly
 * and aborts the TCP connection of a client that never reads (such a client cannot receive a close
 * frame, and Spring's {@code WebSocketSession} offers no way to drop the connection).
 */
final class NettyConnections {

    private NettyConnections() {}

    /** The exchange's Netty channel; empty on a server other than Reactor Netty. */
    static Optional<Channel> channel(ServerWebExchange exchange) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        return nativeRequest instanceof Connection connection ? Optional.of(connection.channel()) : Optional.empty();
    }
}
