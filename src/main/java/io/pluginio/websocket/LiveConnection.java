package io.pluginio.websocket;

import io.pluginio.broker.ChannelKey;
import org.springframework.web.reactive.socket.CloseStatus;
import reactor.core.publisher.Mono;

/** An accepted WebSocket connection, as {@link ConnectionRegistry} exposes it (for draining, metrics). */
public interface LiveConnection {

    /** The session id. */
    String id();

    /** The channel it is connected to. */
    ChannelKey channel();

    /**
     * Closes the connection with {@code status}: stops its broadcasts, sends the close frame, and
     * aborts the TCP connection if the client does not answer within {@code
     * plugin-io.websocket.close-timeout}. Completes when the connection has ended. The first close
     * requested wins; later ones only wait.
     */
    Mono<Void> close(CloseStatus status);
}
