package io.pluginio.channel;

import io.pluginio.broker.StreamPosition;
import java.util.Objects;

/**
 * What a connection asks for when it joins a channel.
 *
 * <ul>
 *   <li>{@link None}: live broadcasts only (existing Canvas clients);
 *   <li>{@link Latest}: a position frame, then live broadcasts;
 *   <li>{@link From}: a position frame, the publications missed since a position (when the
 *       history still has them all), then live broadcasts, with no gap and no duplicate.
 * </ul>
 */
public sealed interface Resume {

    /** Live broadcasts only. */
    static Resume none() {
        return None.INSTANCE;
    }

    /** The channel's position, then live broadcasts. */
    static Resume latest() {
        return Latest.INSTANCE;
    }

    /** Everything after {@code since}, then live broadcasts. */
    static Resume from(StreamPosition since) {
        return new From(since);
    }

    /** Live broadcasts only. */
    enum None implements Resume {
        INSTANCE
    }

    /** The channel's position, then live broadcasts. */
    enum Latest implements Resume {
        INSTANCE
    }

    /**
     * Everything after a position, then live broadcasts.
     *
     * @param since the last position the client received
     */
    record From(StreamPosition since) implements Resume {

        public From {
            Objects.requireNonNull(since, "since");
        }
    }
}
