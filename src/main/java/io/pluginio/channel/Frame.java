package io.pluginio.channel;

/**
 * One server-to-client frame for a connection: a broadcast, or the position frame that opens a
 * resuming connection.
 *
 * @param bytes the frame as UTF-8 JSON, shared by every connection (do not modify)
 * @param publishedAt for a broadcast, when its publisher handed it to the broker (epoch
 *     milliseconds, {@code Publication.publishedAt}); zero for the position frame
 * @param offset the channel position the frame carries
 * @param epoch the epoch of that position
 */
public record Frame(byte[] bytes, long publishedAt, long offset, String epoch) {}
