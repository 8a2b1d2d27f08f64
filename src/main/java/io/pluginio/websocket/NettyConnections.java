package io.pluginio.websocket;

import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.Connection;

/**
 * Reaches the Reactor Netty {@link Connection} under a handshake, so that the handler can abort the
 * TCP connection of a client that never reads: such a client cannot receive a close frame, and
 * Spring's {@code WebSocketSession} offers no way to drop the connection.
 */
final class NettyConnections {

    private NettyConnections() {}

    /** Closes the exchange's TCP connection at once; does nothing on a server other than Reactor Netty. */
    static Runnable abortAction(ServerWebExchange exchange) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (nativeRequest instanceof Connection connection) {
            return () -> connection.channel().close();
        }
        return () -> {};
    }
}
