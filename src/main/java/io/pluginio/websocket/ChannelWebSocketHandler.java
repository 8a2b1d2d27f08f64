package io.pluginio.websocket;

import io.netty.channel.Channel;
import io.pluginio.broker.ChannelKey;
import io.pluginio.channel.ChannelHub;
import io.pluginio.channel.SendBufferOverflowException;
import io.pluginio.plugin.AuthenticationException;
import io.pluginio.plugin.Headers;
import io.pluginio.plugin.WebSocket;
import io.pluginio.plugin.WebSocketApi;
import io.pluginio.registry.PluginRegistry;
import io.pluginio.security.Identity;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code /plugin-io/ws/<plugin>/<channel>[/]}: validates the names (4400), finds the plugin's
 * handler (4404), applies the connection limit (4429), runs the plugin's {@code authenticate} on a
 * worker thread (4403, 4500), then writes the channel's frames to the connection. A denial completes the upgrade and
 * closes at once with its code, so that a browser can tell it from a network drop.
 */
final class ChannelWebSocketHandler implements WebSocketHandler {

    private static final Logger logger = LoggerFactory.getLogger(ChannelWebSocketHandler.class);

    private final PluginRegistry plugins;

    private final ChannelHub hub;

    private final ConnectionRegistry connections;

    private final ConnectionListener listener;

    private final WebSocketProperties properties;

    ChannelWebSocketHandler(
            PluginRegistry plugins,
            ChannelHub hub,
            ConnectionRegistry connections,
            ConnectionListener listener,
            WebSocketProperties properties) {
        this.plugins = plugins;
        this.hub = hub;
        this.connections = connections;
        this.listener = listener;
        this.properties = properties;
    }

    /** Not used: the endpoint's {@code WebSocketService} calls {@link #handle(WebSocketSession, Channel)}. */
    @Override
    public Mono<Void> handle(WebSocketSession session) {
        return Mono.error(new IllegalStateException("plugin-io channels need the connection's Netty channel"));
    }

    /**
     * Handles a connection whose Netty channel is {@code socket}: frames are written to it directly
     * (see {@link NettyOutbox}), and it is closed at once for a client that does not answer (or
     * cannot even receive) the close frame.
     */
    Mono<Void> handle(WebSocketSession session, Channel socket) {
        HandshakeInfo handshake = session.getHandshakeInfo();
        ChannelRequest request;
        try {
            request = ChannelRequest.parse(handshake.getUri());
        } catch (ChannelRequest.BadRequestException ex) {
            return deny(session, socket, CloseStatuses.BAD_REQUEST);
        }
        if (!connections.isAccepting()) {
            return deny(session, socket, CloseStatuses.GOING_AWAY);
        }
        Optional<WebSocketApi> handler = plugins.hasPlugin(request.plugin())
                ? plugins.webSocketHandler(request.plugin(), request.channel())
                : Optional.empty();
        if (handler.isEmpty()) {
            return deny(session, socket, CloseStatuses.NOT_FOUND);
        }
        if (!connections.tryOpen()) {
            return deny(session, socket, CloseStatuses.TOO_MANY_CONNECTIONS);
        }
        return handshake
                .getPrincipal()
                .map(Identity::from)
                .defaultIfEmpty(Identity.anonymous())
                .flatMap(identity -> authenticate(handler.get(), request, identity, handshake))
                .flatMap(denial ->
                        denial.isEmpty() ? stream(session, socket, request) : deny(session, socket, denial.get()))
                .doFinally(signal -> connections.close());
    }

    /** Empty when accepted, else the close status of the denial. */
    private Mono<Optional<CloseStatus>> authenticate(
            WebSocketApi handler, ChannelRequest request, Identity identity, HandshakeInfo handshake) {
        WebSocket websocket = new WebSocket(
                request.channel(),
                Headers.of(handshake.getHeaders()),
                identity.apiKey(),
                identity.loggedInUser(),
                plugins.secrets(request.plugin()));
        // authenticate may block (it may look things up): never on the event loop.
        return Mono.fromCallable(() -> handler.authenticate(websocket))
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(properties.authenticateTimeout())
                .map(accepted -> accepted ? Optional.<CloseStatus>empty() : Optional.of(CloseStatuses.UNAUTHORIZED))
                .onErrorResume(error -> Mono.just(Optional.of(denialFor(error, request))));
    }

    private static CloseStatus denialFor(Throwable error, ChannelRequest request) {
        if (error instanceof AuthenticationException) {
            return CloseStatuses.UNAUTHORIZED;
        }
        if (error instanceof TimeoutException) {
            logger.warn(
                    "WebSocket authenticate of plugin {} for channel {} timed out",
                    request.plugin(),
                    request.channel());
            return CloseStatuses.AUTHENTICATE_FAILED;
        }
        logger.error(
                "WebSocket authenticate of plugin {} for channel {} failed",
                request.plugin(),
                request.channel(),
                error);
        return CloseStatuses.AUTHENTICATE_FAILED;
    }

    private Mono<Void> stream(WebSocketSession session, Channel socket, ChannelRequest request) {
        ChannelKey key = request.key();
        ChannelConnection connection = new ChannelConnection(
                session.getId(),
                key,
                socket,
                properties.sendBufferSize(),
                properties.maxClientMessages(),
                properties.clientMessageWindow());
        connections.add(connection);
        listener.accepted(key);
        Mono<Void> frames = hub.attach(key, request.resume(), connection.frames())
                .onErrorResume(error -> {
                    if (error instanceof SendBufferOverflowException) {
                        connection.requestClose(CloseStatuses.TOO_SLOW);
                    } else {
                        logger.warn("Channel {} failed for a connection: {}", key, error.toString());
                        connection.requestClose(CloseStatuses.SERVER_ERROR);
                    }
                    return Mono.empty();
                })
                .takeUntilOther(connection.stopSignal());
        Mono<Void> receive = session.receive()
                .doOnNext(connection::onClientMessage)
                .then()
                .onErrorComplete()
                .doFinally(signal -> connection.markEnded());
        Mono<Void> close = connection.closeRequested().flatMap(status -> {
            listener.closedByServer(key, status);
            return closeAndWait(session, socket, status, connection.ended());
        });
        return Mono.when(frames, receive, close).doFinally(signal -> {
            connections.remove(connection);
            listener.disconnected(key);
        });
    }

    private Mono<Void> deny(WebSocketSession session, Channel socket, CloseStatus status) {
        listener.denied(status);
        return closeAndWait(session, socket, status, session.closeStatus().then());
    }

    /**
     * Sends the close frame and waits for the connection to end; a client that does not answer in
     * time, or cannot even receive the frame because it never reads, has its TCP connection aborted.
     */
    private Mono<Void> closeAndWait(WebSocketSession session, Channel socket, CloseStatus status, Mono<Void> ended) {
        return session.close(status)
                .then(ended)
                .timeout(properties.closeTimeout())
                .onErrorResume(error -> {
                    socket.close();
                    return Mono.empty();
                });
    }
}
