package io.pluginio.websocket;

import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Upgrades like its delegate, but gives the session a {@link HandshakeInfo} that shares the
 * request's headers instead of a copy of them.
 *
 * <p>Spring's {@code HandshakeWebSocketService} copies every request header into a new case
 * insensitive map, because some servers recycle request headers after the handshake. Reactor
 * Netty does not: the request and its headers live as long as the connection anyway. The copy cost
 * about 1 KiB of heap for every idle connection (a map entry, a list and a lower-cased key per
 * header, measured with the bench load generator's handshake) and a little CPU per handshake. The validation of the
 * handshake stays Spring's.
 */
final class SharedHeadersUpgradeStrategy implements RequestUpgradeStrategy {

    private final RequestUpgradeStrategy delegate;

    SharedHeadersUpgradeStrategy(RequestUpgradeStrategy delegate) {
        this.delegate = delegate;
    }

    @Override
    public Mono<Void> upgrade(
            ServerWebExchange exchange,
            WebSocketHandler handler,
            @Nullable String subProtocol,
            Supplier<HandshakeInfo> handshakeInfoFactory) {
        return delegate.upgrade(exchange, handler, subProtocol, () -> handshakeInfo(exchange, subProtocol));
    }

    private static HandshakeInfo handshakeInfo(ServerWebExchange exchange, @Nullable String subProtocol) {
        ServerHttpRequest request = exchange.getRequest();
        return new HandshakeInfo(
                request.getURI(),
                request.getHeaders(),
                request.getCookies(),
                exchange.getPrincipal(),
                subProtocol,
                request.getRemoteAddress(),
                Map.of(),
                exchange.getLogPrefix());
    }
}
