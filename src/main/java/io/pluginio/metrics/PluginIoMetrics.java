package io.pluginio.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The service's own metrics, named for what happened. Every method is cheap and non-blocking (a map
 * look-up and an atomic increment), so it may be called on an event-loop thread; none is called per
 * frame and connection.
 *
 * <p>Only installed plugins' names are used as tags (callers pass the plugin of an accepted
 * connection or a publication), so the number of series is bounded by the installed plugins. A
 * connection attempt is counted without its plugin: a refused attempt may name any plugin.
 *
 * <table>
 *   <caption>meters (Prometheus names)</caption>
 *   <tr><td>{@code pluginio_websocket_connections{plugin}}</td><td>gauge: open accepted connections</td></tr>
 *   <tr><td>{@code pluginio_websocket_connection_attempts_total{outcome}}</td><td>accepted, denied,
 *       bad_request, not_found, error, limit, draining</td></tr>
 *   <tr><td>{@code pluginio_broadcasts_total{plugin}}</td><td>broadcasts the broker accepted from this replica</td></tr>
 *   <tr><td>{@code pluginio_broker_publish_failures_total{plugin}}</td><td>broadcasts the broker refused</td></tr>
 *   <tr><td>{@code pluginio_deliveries_total{plugin}}</td><td>broadcast frames handed to connections for writing</td></tr>
 *   <tr><td>{@code pluginio_websocket_slow_consumer_closes_total{plugin}}</td><td>closes with 4508</td></tr>
 *   <tr><td>{@code pluginio_websocket_server_closes_total{plugin,code}}</td><td>every close by the server</td></tr>
 *   <tr><td>{@code pluginio_delivery_latency_seconds{plugin}}</td><td>timer: publication to hand-off to this replica's connections, once per broadcast and replica</td></tr>
 * </table>
 */
public final class PluginIoMetrics {

    /** How a WebSocket connection attempt ended. */
    public enum AttemptOutcome {
        /** The plugin accepted it. */
        ACCEPTED,
        /** The plugin refused it (4403). */
        DENIED,
        /** Bad plugin or channel name (4400). */
        BAD_REQUEST,
        /** No such plugin or no handler for the channel (4404). */
        NOT_FOUND,
        /** The plugin's {@code authenticate} failed (4500) or the server did (1011). */
        ERROR,
        /** The connection limit was reached (4429). */
        LIMIT,
        /** Refused because the replica is draining (1001). */
        DRAINING;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;

    private final Map<AttemptOutcome, Counter> attempts = new ConcurrentHashMap<>();

    private final ConcurrentMap<String, AtomicInteger> open = new ConcurrentHashMap<>();

    private final ConcurrentMap<String, Counter> broadcasts = new ConcurrentHashMap<>();

    private final ConcurrentMap<String, Counter> publishFailures = new ConcurrentHashMap<>();

    private final ConcurrentMap<String, Counter> deliveries = new ConcurrentHashMap<>();

    private final ConcurrentMap<String, Counter> slowConsumerCloses = new ConcurrentHashMap<>();

    private final ConcurrentMap<String, Counter> serverCloses = new ConcurrentHashMap<>();

    private final ConcurrentMap<String, Timer> latencies = new ConcurrentHashMap<>();

    public PluginIoMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A WebSocket connection attempt ended with {@code outcome}. */
    public void connectionAttempt(AttemptOutcome outcome) {
        attempts.computeIfAbsent(
                        outcome,
                        key -> Counter.builder("pluginio.websocket.connection.attempts")
                                .description("WebSocket connection attempts by outcome")
                                .tag("outcome", key.tag())
                                .register(registry))
                .increment();
    }

    /** A connection of {@code plugin} was accepted and is now open. */
    public void connectionOpened(String plugin) {
        openConnections(plugin).incrementAndGet();
    }

    /** An accepted connection of {@code plugin} ended. */
    public void connectionClosed(String plugin) {
        openConnections(plugin).decrementAndGet();
    }

    /** The broker accepted a broadcast of {@code plugin} published by this replica. */
    public void broadcastPublished(String plugin) {
        counter(broadcasts, "pluginio.broadcasts", "Broadcasts the broker accepted from this replica", plugin)
                .increment();
    }

    /** The broker could not accept a broadcast of {@code plugin}. */
    public void brokerPublishFailed(String plugin) {
        counter(publishFailures, "pluginio.broker.publish.failures", "Broadcasts the broker refused", plugin)
                .increment();
    }

    /**
     * One broadcast of {@code plugin} was handed to {@code connections} connections of this replica
     * for writing; {@code publishedAt} is when the publishing replica handed it to the broker (epoch
     * milliseconds, {@code Publication.publishedAt}). Called once per broadcast and replica, not
     * once per connection: the latency is recorded once, so that its cost does not grow with the
     * audience. Clocks of different replicas may disagree slightly: a negative difference counts as
     * zero.
     */
    public void delivered(String plugin, long publishedAt, int connections) {
        counter(deliveries, "pluginio.deliveries", "Broadcast frames handed to connections for writing", plugin)
                .increment(connections);
        long elapsed = Math.max(0, System.currentTimeMillis() - publishedAt);
        latencies
                .computeIfAbsent(
                        plugin,
                        key -> Timer.builder("pluginio.delivery.latency")
                                .description(
                                        "Time from a broadcast's publication to its hand-off to this replica's connections")
                                .tag("plugin", key)
                                .publishPercentileHistogram()
                                .minimumExpectedValue(Duration.ofMillis(1))
                                .maximumExpectedValue(Duration.ofSeconds(30))
                                .register(registry))
                .record(elapsed, TimeUnit.MILLISECONDS);
    }

    /** The server closed a connection of {@code plugin} with close code {@code code}. */
    public void closedByServer(String plugin, int code) {
        counter(
                        serverCloses,
                        plugin + "/" + code,
                        key -> Counter.builder("pluginio.websocket.server.closes")
                                .description("Accepted connections the server closed, by close code")
                                .tag("plugin", plugin)
                                .tag("code", Integer.toString(code))
                                .register(registry))
                .increment();
        if (code == 4508) {
            counter(
                            slowConsumerCloses,
                            "pluginio.websocket.slow.consumer.closes",
                            "Connections closed with 4508 because their send buffer overflowed",
                            plugin)
                    .increment();
        }
    }

    private AtomicInteger openConnections(String plugin) {
        return open.computeIfAbsent(plugin, key -> {
            AtomicInteger count = new AtomicInteger();
            Gauge.builder("pluginio.websocket.connections", count, AtomicInteger::get)
                    .description("Open accepted WebSocket connections")
                    .tag("plugin", key)
                    .register(registry);
            return count;
        });
    }

    private Counter counter(ConcurrentMap<String, Counter> cache, String name, String description, String plugin) {
        return counter(
                cache,
                plugin,
                key -> Counter.builder(name)
                        .description(description)
                        .tag("plugin", plugin)
                        .register(registry));
    }

    private static Counter counter(ConcurrentMap<String, Counter> cache, String key, Function<String, Counter> create) {
        Counter counter = cache.get(key);
        return counter != null ? counter : cache.computeIfAbsent(key, create);
    }
}
