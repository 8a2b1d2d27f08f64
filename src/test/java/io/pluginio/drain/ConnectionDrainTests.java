package io.pluginio.drain;

import static org.assertj.core.api.Assertions.assertThat;

import io.pluginio.PluginIoApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.Disposable;

/**
 * A replica with many open connections drains when its context closes: readiness falls first, new
 * connections are refused with 1001, then the open ones are closed with 1001 spread over the window.
 */
class ConnectionDrainTests {

    private static final int CONNECTIONS = 40;

    private static final Duration READINESS_DELAY = Duration.ofSeconds(1);

    private static final Duration WINDOW = Duration.ofSeconds(2);

    private static final Duration BOUND = Duration.ofSeconds(30);

    private static final String KEY = "drain-test-key";

    private final HttpClient http = HttpClient.newHttpClient();

    private final List<Client> clients = new ArrayList<>();

    private final CompletableFuture<Long> readinessFellAt = new CompletableFuture<>();

    private ConfigurableApplicationContext context;

    @AfterEach
    void closeEverything() {
        clients.forEach(Client::dispose);
        if (context != null && context.isActive()) {
            context.close();
        }
    }

    @Test
    void closingTheContextLowersReadinessThenClosesConnectionsWith1001AcrossTheWindow() throws Exception {
        context = new SpringApplicationBuilder(PluginIoApplication.class)
                .listeners((ApplicationListener<AvailabilityChangeEvent<?>>) event -> {
                    if (event.getState() == ReadinessState.REFUSING_TRAFFIC) {
                        readinessFellAt.complete(System.nanoTime());
                    }
                })
                // Command-line arguments: above every configuration file, the tests' own included.
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--plugin-io.drain.readiness-delay=" + READINESS_DELAY.toMillis() + "ms",
                        "--plugin-io.drain.window=" + WINDOW.toMillis() + "ms",
                        "--plugin-io.drain.batch-interval=100ms",
                        "--plugin-io.plugins[notifications_demo].secrets[ws-api-key]=" + KEY);
        int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        assertThat(get(port, "/actuator/health/readiness").statusCode()).isEqualTo(200);
        for (int i = 0; i < CONNECTIONS; i++) {
            clients.add(Client.connect(port, "drain_" + (i % 4)));
        }
        for (Client client : clients) {
            assertThat(client.firstFrame()).contains("\"recovered\":true");
        }

        Thread closer = new Thread(context::close, "context-closer");
        closer.start();

        long fellAt = readinessFellAt.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        // While the drain waits, the server still answers: not ready, but alive; new clients are turned away.
        assertThat(get(port, "/actuator/health/readiness").statusCode()).isEqualTo(503);
        assertThat(get(port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
        Client late = Client.connect(port, "drain_late");
        assertThat(late.closeCode()).isEqualTo(1001);
        assertThat(late.receivedFrames()).isEmpty();

        List<Long> closedAt = new ArrayList<>();
        for (Client client : clients) {
            assertThat(client.closeCode()).isEqualTo(1001);
            closedAt.add(client.closedAt());
        }
        closer.join(BOUND.toMillis());
        assertThat(closer.isAlive()).isFalse();

        long first = closedAt.stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = closedAt.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(fellAt).as("readiness falls before the first close").isLessThan(first);
        assertThat(Duration.ofNanos(first - fellAt)).isGreaterThanOrEqualTo(READINESS_DELAY.dividedBy(2));
        // The batches are at least batch-interval apart, so the closes cannot bunch up: a lower bound only.
        assertThat(Duration.ofNanos(last - first)).isGreaterThanOrEqualTo(WINDOW.dividedBy(2));
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(BOUND)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A Reactor Netty WebSocket client that records its frames and when and how it was closed. */
    private static final class Client {

        private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

        private final CompletableFuture<int[]> closed = new CompletableFuture<>();

        private final CompletableFuture<Long> closedAt = new CompletableFuture<>();

        private Disposable connection = () -> {};

        static Client connect(int port, String channel) {
            Client client = new Client();
            client.connection = reactor.netty.http.client.HttpClient.create()
                    .websocket()
                    .uri("ws://127.0.0.1:" + port + "/plugin-io/ws/notifications_demo/" + channel + "/?api_key=" + KEY
                            + "&since=latest")
                    .handle((in, out) -> {
                        in.receiveCloseStatus().subscribe(status -> {
                            client.closedAt.complete(System.nanoTime());
                            client.closed.complete(new int[] {status.code()});
                        });
                        return in.receive()
                                .asString()
                                .doOnNext(client.frames::add)
                                .then();
                    })
                    .doFinally(signal -> client.closed.complete(new int[] {1006}))
                    .subscribe(null, error -> {});
            return client;
        }

        String firstFrame() throws InterruptedException {
            String frame = frames.poll(BOUND.toSeconds(), TimeUnit.SECONDS);
            assertThat(frame).as("first frame").isNotNull();
            return frame;
        }

        List<String> receivedFrames() {
            return List.copyOf(frames);
        }

        int closeCode() throws Exception {
            return closed.get(BOUND.toSeconds(), TimeUnit.SECONDS)[0];
        }

        long closedAt() throws Exception {
            return closedAt.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        }

        void dispose() {
            connection.dispose();
        }
    }
}
