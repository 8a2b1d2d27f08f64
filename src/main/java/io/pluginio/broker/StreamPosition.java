package io.pluginio.broker;

import java.util.Objects;

/**
 * A position in a channel's stream of publications.
 *
 * @param offset the offset of the last publication; 0 before the first. Offsets only grow within
 *     an epoch.
 * @param epoch names the channel's current history; it changes whenever that history was lost (a
 *     new in-memory channel, flushed Redis data), so an offset is meaningful only with its epoch
 */
public record StreamPosition(long offset, String epoch) {

    public StreamPosition {
        Objects.requireNonNull(epoch, "epoch");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }
}
