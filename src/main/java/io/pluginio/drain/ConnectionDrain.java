package io.pluginio.drain;

import io.pluginio.websocket.CloseStatuses;
import io.pluginio.websocket.ConnectionRegistry;
import io.pluginio.websocket.LiveConnection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Drains this replica when the application context closes (SIGTERM, rolling update, scale-down):
 *
 * <ol>
 *   <li>readiness becomes {@link ReadinessState#REFUSING_TRAFFIC} and new WebSocket connection
 *       attempts are closed with 1001;
 *   <li>after {@code plugin-io.drain.readiness-delay}, so that the load balancer has noticed, the
 *       open connections are closed with 1001 in equal batches spread over {@code
 *       plugin-io.drain.window}, so that their reconnects spread over the other replicas;
 *   <li>then the web server's graceful shutdown (a later phase) finishes in-flight HTTP requests.
 * </ol>
 *
 * Its phase stops it just before the web server's graceful shutdown, while the server still serves.
 * Spring waits for it at most {@code spring.lifecycle.timeout-per-shutdown-phase}.
 */
final class ConnectionDrain implements SmartLifecycle {

    /** Just before the web server's graceful shutdown: higher phases stop first. */
    static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 512;

    private static final Logger logger = LoggerFactory.getLogger(ConnectionDrain.class);

    private final ConnectionRegistry connections;

    private final ApplicationEventPublisher events;

    private final DrainProperties properties;

    private final Scheduler scheduler;

    private volatile boolean running;

    /** Whether a drain ran since the last start: a later start is a restart, not the first one. */
    private volatile boolean drained;

    ConnectionDrain(
            ConnectionRegistry connections,
            ApplicationEventPublisher events,
            DrainProperties properties,
            Scheduler scheduler) {
        this.connections = connections;
        this.events = events;
        this.properties = properties;
        this.scheduler = scheduler;
    }

    @Override
    public void start() {
        // Lifecycle beans may be stopped and started again in one context (Spring's test framework
        // pauses cached contexts that way); a restarted replica takes traffic again. The first start
        // leaves readiness to Spring Boot, which turns it on once the application is ready.
        if (drained) {
            drained = false;
            connections.startAccepting();
            AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
        }
        running = true;
    }

    /** Starts the drain without waiting for it; Spring itself calls {@link #stop(Runnable)}. */
    @Override
    public void stop() {
        stop(() -> {});
    }

    @Override
    public void stop(Runnable callback) {
        running = false;
        drained = true;
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        connections.stopAccepting();
        logger.info(
                "Draining: readiness down, new WebSocket connections refused; closing {} open ones with 1001 in {}"
                        + " after {}",
                connections.connections().size(),
                properties.window(),
                properties.readinessDelay());
        Mono.delay(properties.readinessDelay(), scheduler)
                .thenMany(Flux.defer(() -> closeInBatches(connections.connections())))
                // Connections accepted while their authenticate was running when the drain began.
                .thenMany(Flux.defer(() -> Flux.fromIterable(connections.connections())
                        .flatMap(connection -> connection.close(CloseStatuses.GOING_AWAY))))
                .onErrorResume(error -> {
                    logger.warn("Drain failed; the web server's shutdown closes what is left", error);
                    return Mono.empty();
                })
                .doFinally(signal -> {
                    logger.info(
                            "Drained: {} WebSocket connections left",
                            connections.connections().size());
                    callback.run();
                })
                .subscribe();
    }

    /**
     * Closes {@code open} in {@code batches} equal batches, one every {@code batchInterval} starting
     * now; completes when every one of them has ended. Closes do not wait for each other, so one slow
     * client does not hold up the pace.
     */
    private Flux<Void> closeInBatches(List<LiveConnection> open) {
        if (open.isEmpty()) {
            return Flux.empty();
        }
        int batchSize = Math.max(1, (open.size() + properties.batches() - 1) / properties.batches());
        return Flux.fromIterable(open)
                .buffer(batchSize)
                .index()
                .concatMap(batch -> batch.getT1() == 0
                        ? Mono.just(batch.getT2())
                        : Mono.delay(properties.batchInterval(), scheduler).thenReturn(batch.getT2()))
                .flatMap(batch ->
                        Flux.fromIterable(batch).flatMap(connection -> connection.close(CloseStatuses.GOING_AWAY)));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
