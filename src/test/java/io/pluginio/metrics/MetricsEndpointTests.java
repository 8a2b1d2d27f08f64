package io.pluginio.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.pluginio.plugin.Broadcaster;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;

/** What Prometheus scrapes from {@code /actuator/prometheus} after real WebSocket traffic. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "plugin-io.plugins[notifications_demo].secrets[ws-api-key]=" + MetricsEndpointTests.KEY)
@AutoConfigureWebTestClient
class MetricsEndpointTests {

    static final String KEY = "metrics-secret-key-31f";

    private static final Duration BOUND = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient web;

    @Autowired
    Broadcaster broadcaster;

    @Test
    void connectionsAttemptsBroadcastsAndDeliveriesAreScrapedWithoutChannelsOrKeys() throws Exception {
        Client accepted =
                Client.connect(port, "/plugin-io/ws/notifications_demo/metrics_channel/?since=latest&api_key=" + KEY);
        try {
            assertThat(accepted.frames.poll(BOUND.toSeconds(), TimeUnit.SECONDS))
                    .contains("recovered");
            assertThat(Client.connect(port, "/plugin-io/ws/notifications_demo/metrics_channel/?api_key=wrong")
                            .closeCode())
                    .isEqualTo(4403);
            assertThat(Client.connect(port, "/plugin-io/ws/no_such_plugin/metrics_channel/")
                            .closeCode())
                    .isEqualTo(4404);
            assertThat(Client.connect(port, "/plugin-io/ws/bad-name!/x/").closeCode())
                    .isEqualTo(4400);

            broadcaster
                    .broadcast("notifications_demo", "metrics_channel", Map.of("n", 1))
                    .block(BOUND);
            assertThat(accepted.frames.poll(BOUND.toSeconds(), TimeUnit.SECONDS))
                    .contains("\"n\":1");

            String scrape = scrape();
            assertThat(scrape)
                    .contains("pluginio_websocket_connections{plugin=\"notifications_demo\"} 1")
                    .contains("pluginio_websocket_connection_attempts_total{outcome=\"accepted\"} 1")
                    .contains("pluginio_websocket_connection_attempts_total{outcome=\"denied\"} 1")
                    .contains("pluginio_websocket_connection_attempts_total{outcome=\"not_found\"} 1")
                    .contains("pluginio_websocket_connection_attempts_total{outcome=\"bad_request\"} 1")
                    .contains("pluginio_broadcasts_total{plugin=\"notifications_demo\"} 1")
                    .contains("pluginio_deliveries_total{plugin=\"notifications_demo\"} 1")
                    .contains("pluginio_delivery_latency_seconds_count{plugin=\"notifications_demo\"} 1")
                    .doesNotContain("metrics_channel", KEY, "no_such_plugin");
        } finally {
            accepted.connection.dispose();
        }
        // The gauge follows the client's departure; the deadline only bounds a failure.
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!scrape().contains("pluginio_websocket_connections{plugin=\"notifications_demo\"} 0")) {
            assertThat(System.nanoTime()).as("open connections back to 0").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private String scrape() {
        return web.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    /** A Reactor Netty WebSocket client that keeps its text frames and its close code. */
    private static final class Client {

        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        Disposable connection = () -> {};

        static Client connect(int port, String pathAndQuery) {
            Client client = new Client();
            client.connection = HttpClient.create()
                    .websocket()
                    .uri("ws://127.0.0.1:" + port + pathAndQuery)
                    .handle((in, out) -> {
                        in.receiveCloseStatus().subscribe(status -> client.closed.complete(status.code()));
                        return in.receive()
                                .asString()
                                .doOnNext(client.frames::add)
                                .then();
                    })
                    .doFinally(signal -> client.closed.complete(1006))
                    .subscribe(null, error -> {});
            return client;
        }

        int closeCode() throws Exception {
            return closed.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
