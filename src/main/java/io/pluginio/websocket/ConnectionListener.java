package io.pluginio.websocket;

import io.pluginio.broker.ChannelKey;
import org.springframework.web.reactive.socket.CloseStatus;

/**
 * Observes the WebSocket endpoint, e.g. to count connections and frames in metrics. Declare beans
 * of this type; every one is called. Calls happen on I/O threads: return quickly, never block,
 * never throw. Channel keys are valid names only, but plugins choose channel names freely, so a
 * metric tag per channel may have a high cardinality.
 */
public interface ConnectionListener {

    /** A connection was accepted by the plugin and joined {@code channel}. */
    default void accepted(ChannelKey channel) {}

    /** A connection attempt was denied and closed with {@code status} (4400, 4403, 4404, 4429, 4500, 1001). */
    default void denied(CloseStatus status) {}

    /**
     * One broadcast of {@code channel} was handed to {@code connections} connections on this
     * replica for writing (called once per broadcast, not per connection); {@code publishedAt} is
     * when its publisher handed it to the broker (epoch milliseconds).
     */
    default void delivered(ChannelKey channel, long publishedAt, int connections) {}

    /**
     * The server closed an accepted connection with {@code status}: 4508 too slow, 4429 too many
     * messages, 1011 server error, 1001 going away.
     */
    default void closedByServer(ChannelKey channel, CloseStatus status) {}

    /** An accepted connection ended, whoever closed it. */
    default void disconnected(ChannelKey channel) {}
}
