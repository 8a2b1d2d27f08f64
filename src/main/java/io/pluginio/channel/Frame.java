package io.pluginio.channel;

/**
 * One server-to-client frame for a connection.
 *
 * @param bytes the frame as UTF-8 JSON, shared by every connection (do not modify)
 * @param publishedAt for a broadcast, when its publisher handed it to the broker (epoch
 *     milliseconds, {@code Publication.publishedAt}); zero for the position frame
 */
public record Frame(byte[] bytes, long publishedAt) {

    /** Whether this frame carries a broadcast (not the position frame). */
    public boolean isBroadcast() {
        return publishedAt > 0;
    }
}
