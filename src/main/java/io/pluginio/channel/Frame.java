package io.pluginio.channel;

/**
 * One server-to-client frame of a connection.
 *
 * @param json the frame, UTF-8 JSON; a broadcast's bytes are shared by every connection of this
 *     replica: never modify them
 * @param broadcast true for a broadcast frame, false for the position frame
 * @param publishedAt for a broadcast, when the publishing replica handed it to the broker (epoch
 *     milliseconds, for delivery-latency metrics); 0 for the position frame
 */
public record Frame(byte[] json, boolean broadcast, long publishedAt) {

    static Frame position(byte[] json) {
        return new Frame(json, false, 0);
    }
}
