package io.pluginio.broker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much of each channel's history a broker keeps for clients that resume ({@code
 * plugin-io.history.*}). A publication leaves the history when either bound is passed. Memory used
 * by the in-memory broker is at most about {@code channels x size x message size}.
 *
 * @param size the most publications kept per channel; default 1000. Zero keeps none: a client can
 *     then resume only from the channel's current position.
 * @param ttl how long a publication stays in history; default 5 minutes. Must be positive. An
 *     in-memory channel with no subscriber whose history has expired is forgotten, and starts over
 *     with a new epoch the next time it is used.
 */
@ConfigurationProperties("plugin-io.history")
public record HistoryProperties(
        @DefaultValue("1000") int size, @DefaultValue("5m") Duration ttl) {

    public HistoryProperties {
        if (size < 0) {
            throw new IllegalArgumentException("plugin-io.history.size must not be negative");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("plugin-io.history.ttl must be positive");
        }
    }
}
