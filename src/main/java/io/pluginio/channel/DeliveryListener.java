package io.pluginio.channel;

import io.pluginio.broker.ChannelKey;

/** Observes each publication as this replica hands it to its connections, e.g. to count and time deliveries. */
@FunctionalInterface
public interface DeliveryListener {

    /** Does nothing. */
    DeliveryListener NONE = (channel, publishedAt, connections) -> {};

    /**
     * One publication of {@code channel} was handed to {@code connections} connections' send
     * buffers on this replica. Called once per publication on the broker's delivering thread:
     * return quickly, never block, never throw.
     *
     * @param publishedAt when its publisher handed it to the broker (epoch milliseconds)
     */
    void delivered(ChannelKey channel, long publishedAt, int connections);
}
