package io.pluginio.broker;

import java.util.Objects;

/**
 * A broadcast accepted by the broker, with its position in the channel's stream.
 *
 * @param channel the channel
 * @param offset its offset in the channel, within {@code epoch}
 * @param epoch the channel's epoch when it was accepted
 * @param message the broadcast's {@code message} value, already serialised as UTF-8 JSON; never
 *     modified after construction
 * @param publishedAt when the publishing replica handed it to the broker, in epoch milliseconds
 */
public record Publication(ChannelKey channel, long offset, String epoch, byte[] message, long publishedAt) {

    public Publication {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(message, "message");
    }

    /** Its position in the channel's stream. */
    public StreamPosition position() {
        return new StreamPosition(offset, epoch);
    }

    @Override
    public String toString() {
        return "Publication[" + channel + "@" + offset + "/" + epoch + ", " + message.length + " bytes]";
    }
}
