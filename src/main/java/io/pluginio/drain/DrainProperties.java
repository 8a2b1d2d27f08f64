package io.pluginio.drain;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a replica drains its WebSocket connections on shutdown ({@code plugin-io.drain.*}). The whole
 * drain takes about {@code readinessDelay + window + plugin-io.websocket.close-timeout}, which must
 * fit in {@code spring.lifecycle.timeout-per-shutdown-phase} (the Helm chart sizes both, and the
 * pod's grace period).
 *
 * @param readinessDelay how long to wait, once readiness is down and new connections are refused,
 *     before closing the open ones, so that load balancers stop sending clients here first; default
 *     5 seconds. Zero starts closing at once.
 * @param window the time over which the open connections are closed with 1001, in equal batches,
 *     so that their reconnects spread over the other replicas; default 10 seconds. Zero closes them
 *     all at once.
 * @param batchInterval the time between two batches within the window; default 250 milliseconds.
 *     The number of batches is {@code window / batchInterval} (at least one).
 */
@ConfigurationProperties("plugin-io.drain")
public record DrainProperties(
        @DefaultValue("5s") Duration readinessDelay,
        @DefaultValue("10s") Duration window,
        @DefaultValue("250ms") Duration batchInterval) {

    public DrainProperties {
        if (readinessDelay.isNegative() || window.isNegative()) {
            throw new IllegalArgumentException("plugin-io.drain durations must not be negative");
        }
        if (batchInterval.isZero() || batchInterval.isNegative()) {
            throw new IllegalArgumentException("plugin-io.drain.batch-interval must be positive");
        }
    }

    /** How many batches the open connections are closed in. */
    int batches() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, window.toNanos() / batchInterval.toNanos()));
    }
}
