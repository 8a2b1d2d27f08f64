package io.pluginio.websocket;

import io.netty.channel.Channel;
import io.pluginio.broker.ChannelKey;
import io.pluginio.channel.FrameSink;
import java.time.Duration;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * An accepted connection's state: its send buffer, why the server closes it, when it ended, how
 * much the client sends.
 */
final class ChannelConnection implements LiveConnection {

    private final String id;

    private final ChannelKey channel;

    private final int maxClientMessages;

    private final long clientMessageWindowNanos;

    private final NettyOutbox outbox;

    /** The server's reason to close; empty once the connection ended without one. First reason wins. */
    private final Sinks.One<CloseStatus> closeRequest = Sinks.one();

    private final Sinks.Empty<Void> ended = Sinks.empty();

    // Touched only by the receive loop, which is serial.
    private long windowStart = System.nanoTime();

    private int messagesInWindow;

    /**
     * @param socket the connection's Netty channel
     * @param sendBufferSize most frames waiting to be written; one more closes with 4508
     */
    ChannelConnection(
            String id,
            ChannelKey channel,
            Channel socket,
            int sendBufferSize,
            int maxClientMessages,
            Duration clientMessageWindow) {
        this.id = id;
        this.channel = channel;
        this.maxClientMessages = maxClientMessages;
        this.clientMessageWindowNanos = clientMessageWindow.toNanos();
        this.outbox = NettyOutbox.install(socket, sendBufferSize, () -> requestClose(CloseStatuses.TOO_SLOW));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ChannelKey channel() {
        return channel;
    }

    @Override
    public Mono<Void> close(CloseStatus status) {
        requestClose(status);
        return ended();
    }

    /** Where the channel hands this connection its frames. */
    FrameSink frames() {
        return outbox;
    }

    /** Pings the client (see {@link ConnectionPinger}). */
    void ping() {
        outbox.ping();
    }

    /**
     * Stops broadcasts at once and asks the handler to close with {@code status}; ignored (on
     * purpose) when a reason was already given.
     */
    void requestClose(CloseStatus status) {
        outbox.stop();
        closeRequest.tryEmitValue(status);
    }

    /** The server's reason to close, or empty when the connection ended first. */
    Mono<CloseStatus> closeRequested() {
        return closeRequest.asMono();
    }

    /** Signals once the server wants to close or the connection has ended, whichever is first. */
    Mono<Boolean> stopSignal() {
        return closeRequest.asMono().then(Mono.just(Boolean.TRUE));
    }

    /** Completes when the connection has ended. */
    Mono<Void> ended() {
        return ended.asMono();
    }

    /** The connection is gone; both results may fail because it was already marked, which is fine. */
    void markEnded() {
        outbox.stop();
        closeRequest.tryEmitEmpty();
        ended.tryEmitEmpty();
    }

    /** Client frames are ignored, but counted: more than the limit in one window closes the connection. */
    void onClientMessage(WebSocketMessage message) {
        if (message.getType() == WebSocketMessage.Type.PING || message.getType() == WebSocketMessage.Type.PONG) {
            return;
        }
        long now = System.nanoTime();
        if (now - windowStart > clientMessageWindowNanos) {
            windowStart = now;
            messagesInWindow = 0;
        }
        if (++messagesInWindow > maxClientMessages) {
            requestClose(CloseStatuses.TOO_MANY_MESSAGES);
        }
    }

    @Override
    public String toString() {
        return "ChannelConnection[" + id + " on " + channel + "]";
    }
}
