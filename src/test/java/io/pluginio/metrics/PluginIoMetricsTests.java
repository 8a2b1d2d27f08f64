package io.pluginio.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pluginio.metrics.PluginIoMetrics.AttemptOutcome;
import org.junit.jupiter.api.Test;

/** The meters as Prometheus scrapes them: names, tags, values. */
class PluginIoMetricsTests {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private final PluginIoMetrics metrics = new PluginIoMetrics(registry);

    @Test
    void openConnectionsAreAGaugePerPlugin() {
        metrics.connectionOpened("alpha");
        metrics.connectionOpened("alpha");
        metrics.connectionOpened("beta");
        metrics.connectionClosed("alpha");

        assertThat(registry.scrape())
                .contains("pluginio_websocket_connections{plugin=\"alpha\"} 1")
                .contains("pluginio_websocket_connections{plugin=\"beta\"} 1");
    }

    @Test
    void connectionAttemptsAreCountedByOutcomeWithoutPlugin() {
        metrics.connectionAttempt(AttemptOutcome.ACCEPTED);
        metrics.connectionAttempt(AttemptOutcome.ACCEPTED);
        metrics.connectionAttempt(AttemptOutcome.BAD_REQUEST);
        metrics.connectionAttempt(AttemptOutcome.LIMIT);

        assertThat(registry.scrape())
                .contains("pluginio_websocket_connection_attempts_total{outcome=\"accepted\"} 2")
                .contains("pluginio_websocket_connection_attempts_total{outcome=\"bad_request\"} 1")
                .contains("pluginio_websocket_connection_attempts_total{outcome=\"limit\"} 1");
    }

    @Test
    void broadcastsDeliveriesAndFailuresAreCountedPerPlugin() {
        metrics.broadcastPublished("alpha");
        metrics.brokerPublishFailed("alpha");
        metrics.delivered("alpha", System.currentTimeMillis() - 40, 3);
        metrics.delivered("alpha", System.currentTimeMillis() - 20, 2);

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("pluginio_broadcasts_total{plugin=\"alpha\"} 1")
                .contains("pluginio_broker_publish_failures_total{plugin=\"alpha\"} 1")
                .contains("pluginio_deliveries_total{plugin=\"alpha\"} 5")
                .contains("pluginio_delivery_latency_seconds_count{plugin=\"alpha\"} 2")
                .contains("pluginio_delivery_latency_seconds_bucket{plugin=\"alpha\",le=");
    }

    @Test
    void aPublicationTimeInTheFutureCountsAsNoDelay() {
        metrics.delivered("alpha", System.currentTimeMillis() + 60_000, 1);

        assertThat(registry.scrape()).contains("pluginio_delivery_latency_seconds_sum{plugin=\"alpha\"} 0.0");
    }

    @Test
    void serverClosesAreCountedByCodeAndSlowConsumersSeparately() {
        metrics.closedByServer("alpha", 4508);
        metrics.closedByServer("alpha", 1001);
        metrics.closedByServer("alpha", 1001);

        assertThat(registry.scrape())
                .contains("pluginio_websocket_server_closes_total{code=\"1001\",plugin=\"alpha\"} 2")
                .contains("pluginio_websocket_server_closes_total{code=\"4508\",plugin=\"alpha\"} 1")
                .contains("pluginio_websocket_slow_consumer_closes_total{plugin=\"alpha\"} 1");
    }
}
