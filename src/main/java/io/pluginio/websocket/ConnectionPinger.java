package io.pluginio.websocket;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.scheduler.Scheduler;

/**
 * Pings every accepted connection once per interval, so that proxies do not drop idle ones: one
 * timer for the whole replica instead of one per connection (a timer per connection costs memory
 * for every idle connection). A connection is pinged between zero and one interval after it opens.
 */
final class ConnectionPinger implements AutoCloseable {

    private final Disposable task;

    /** @param interval zero disables pings */
    ConnectionPinger(ConnectionRegistry connections, Duration interval, Scheduler scheduler) {
        long millis = interval.toMillis();
        this.task = millis == 0
                ? Disposables.disposed()
                : scheduler.schedulePeriodically(connections::pingAll, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        task.dispose();
    }
}
