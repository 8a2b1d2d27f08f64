package io.pluginio.broker;

import java.util.List;
import java.util.Objects;

/**
 * The answer to {@link Broker#history}: what a client missed since a position.
 *
 * @param recovered whether {@code publications} holds every publication after the asked position:
 *     false when the epoch differs or the retained history no longer reaches back that far
 * @param position the channel's current position when the history was read
 * @param publications the publications after the asked position, in offset order; empty when not
 *     recovered
 */
public record History(boolean recovered, StreamPosition position, List<Publication> publications) {

    public History {
        Objects.requireNonNull(position, "position");
        publications = List.copyOf(publications);
    }
}
