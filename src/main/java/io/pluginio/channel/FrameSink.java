package io.pluginio.channel;

/**
 * A connection's side of a channel: where the {@link ChannelHub} hands it its frames. Calls are
 * serial, never concurrent, and come from the broker's delivering thread, which serves every
 * connection of the channel: an implementation only queues the frame and returns.
 */
@FunctionalInterface
public interface FrameSink {

    /**
     * Queues {@code frame} for the connection. Returns false when the connection takes no more
     * frames (its bounded buffer is full, or it is closing): the hub then stops handing it frames.
     * What a full buffer means for the connection (e.g. closing it with 4508) is the sink's own
     * business.
     */
    boolean offer(Frame frame);
}
