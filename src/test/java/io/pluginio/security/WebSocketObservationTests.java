package io.pluginio.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationView;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.security.authorization.AuthorizationObservationContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.ServerWebExchange;

/**
 * A held WebSocket connection opens no server-request ({@code http.server.requests}) and no Spring
 * Security observation, so none stays open for the connection's life; plain HTTP requests are
 * observed as before.
 */
@SecurityIntegrationTest
@Import(WebSocketObservationTests.ObservationRecorder.class)
@TestPropertySource(
        properties = "plugin-io.plugins[notifications_demo].secrets[ws-api-key]=" + WebSocketObservationTests.KEY)
class WebSocketObservationTests {

    static final String KEY = "observation-test-key";

    private static final Duration BOUND = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient client;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ObservationRecorder observations;

    @BeforeEach
    void forgetEarlierObservations() {
        observations.started.clear();
    }

    @Test
    void heldWebSocketConnectionHasNoServerRequestOrSecurityObservation() throws InterruptedException {
        try (WebSocketClients.Held connection =
                WebSocketClients.hold(port, "/plugin-io/ws/notifications_demo/observed/?since=latest&api_key=" + KEY)) {
            // The position frame comes after the upgrade, so after every observation of the handshake started.
            assertThat(connection.nextFrame()).contains("\"recovered\"");

            assertThat(observations.started)
                    .filteredOn(WebSocketObservationTests::isServerOrSecurityObservation)
                    .allSatisfy(started -> assertThat(started.path())
                            .as("request of %s", started.name())
                            .isNotNull()
                            .doesNotStartWith("/plugin-io/ws/"));
            assertThat(activeTasks("http.server.requests.active")).isZero();
            assertThat(activeTasks("spring.security.http.secured.requests.active"))
                    .isZero();
        }
    }

    @Test
    void plainHttpRequestIsStillObservedByTheServerAndBySpringSecurity() {
        client.get().uri(IdentityEcho.OK_PATH).exchange().expectStatus().isOk();

        assertThat(observations.started)
                .filteredOn(started -> IdentityEcho.OK_PATH.equals(started.path()))
                .extracting(Started::name)
                .contains(
                        "http.server.requests",
                        "spring.security.filterchains",
                        "spring.security.http.secured.requests",
                        "spring.security.authorizations");
        // The timer is recorded when the server completes the exchange, which may follow the
        // response a little; the deadline only bounds a failure.
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (requestCount(IdentityEcho.OK_PATH) == 0) {
            assertThat(System.nanoTime()).as("http.server.requests recorded").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static boolean isServerOrSecurityObservation(Started started) {
        return started.name().equals("http.server.requests") || started.name().startsWith("spring.security.");
    }

    private int activeTasks(String name) {
        return meters.find(name).longTaskTimers().stream()
                .mapToInt(LongTaskTimer::activeTasks)
                .sum();
    }

    private long requestCount(String uri) {
        return meters.find("http.server.requests").tag("uri", uri).timers().stream()
                .mapToLong(Timer::count)
                .sum();
    }

    /** An observation as it started, with the path of the request it belongs to, if known. */
    record Started(String name, String path) {}

    /** Records every observation that starts, with the path of its request. */
    @TestConfiguration(proxyBeanMethods = false)
    static class ObservationRecorder {

        final Queue<Started> started = new ConcurrentLinkedQueue<>();

        @Bean
        ObservationHandler<Observation.Context> startedObservations() {
            return new ObservationHandler<>() {
                @Override
                public void onStart(Observation.Context context) {
                    started.add(new Started(context.getName(), requestPath(context)));
                }

                @Override
                public boolean supportsContext(Observation.Context context) {
                    return true;
                }
            };
        }

        /** The path of the request an observation or one of its parents observes; null if none does. */
        private static String requestPath(Observation.ContextView context) {
            for (Observation.ContextView view = context; view != null; view = parent(view)) {
                if (view instanceof ServerRequestObservationContext server) {
                    return server.getCarrier().getPath().value();
                }
                if (view instanceof AuthorizationObservationContext<?> authorization
                        && authorization.getObject() instanceof ServerWebExchange exchange) {
                    return exchange.getRequest().getPath().value();
                }
            }
            return null;
        }

        private static Observation.ContextView parent(Observation.ContextView view) {
            ObservationView parent = view.getParentObservation();
            return parent == null ? null : parent.getContextView();
        }
    }
}
