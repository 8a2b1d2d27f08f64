package io.pluginio.websocket;

import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.Connection;

/**
 * Hands a WebSocket session its Reactor Netty {@link Connection}, through a session attribute, so
 * that the handler can abort the TCP connection of a client that never reads: such a client cannot
 * receive a close frame, and Spring's session offers no way to drop the connection.
 */
final class NettyConnectionAttribute {

    static final String NAME = NettyConnectionAttribute.class.getName();

    private NettyConnectionAttribute() {}

    static void capture(ServerWebExchange exchange) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (nativeRequest instanceof Connection connection) {
            exchange.getAttributes().put(NAME, connection);
        }
    }
}
