package io.pluginio.broker;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Logs the start and the end of each Redis outage once, however many publishes, reads and
 * connections notice it in between.
 */
final class RedisOutageLog {

    private static final Log logger = LogFactory.getLog(RedisBroker.class);

    private final AtomicBoolean available = new AtomicBoolean(true);

    private volatile boolean shuttingDown;

    /** Something failed to reach Redis; logs only if Redis was thought available. */
    void unavailable(String what, @Nullable Throwable cause) {
        if (!this.shuttingDown && this.available.compareAndSet(true, false)) {
            logger.warn("Redis is unavailable (" + what + ((cause != null) ? ": " + describe(cause) : "")
                    + "); broadcasts fail with 503 and readiness is DOWN until it is back");
        }
    }

    /** Something reached Redis; logs only if an outage was in progress. */
    void available(String what) {
        if (this.available.compareAndSet(false, true)) {
            logger.info("Redis is available again (" + what + ")");
        }
    }

    /** From now on connections close on purpose: nothing more to report. */
    void shutDown() {
        this.shuttingDown = true;
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
    }
}
