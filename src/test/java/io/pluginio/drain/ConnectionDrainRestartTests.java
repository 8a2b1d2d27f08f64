package io.pluginio.drain;

import static org.assertj.core.api.Assertions.assertThat;

import io.pluginio.websocket.ConnectionRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import reactor.core.scheduler.Schedulers;

/** A drained replica whose context is started again (Spring pauses cached test contexts so) takes traffic again. */
class ConnectionDrainRestartTests {

    private final ConnectionRegistry connections = new ConnectionRegistry(0);

    private final List<Object> readiness = new ArrayList<>();

    private final ConnectionDrain drain = new ConnectionDrain(
            connections,
            event -> readiness.add(((AvailabilityChangeEvent<?>) event).getState()),
            new DrainProperties(Duration.ZERO, Duration.ZERO, Duration.ofMillis(250)),
            Schedulers.parallel());

    @Test
    void theFirstStartLeavesReadinessToSpringBoot() {
        drain.start();

        assertThat(drain.isRunning()).isTrue();
        assertThat(connections.isAccepting()).isTrue();
        assertThat(readiness).isEmpty();
    }

    @Test
    void aStartAfterADrainAcceptsConnectionsAndTrafficAgain() throws InterruptedException {
        drain.start();
        CountDownLatch drained = new CountDownLatch(1);
        drain.stop(drained::countDown);
        assertThat(drained.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(connections.isAccepting()).isFalse();

        drain.start();

        assertThat(connections.isAccepting()).isTrue();
        assertThat(readiness).containsExactly(ReadinessState.REFUSING_TRAFFIC, ReadinessState.ACCEPTING_TRAFFIC);
    }
}
