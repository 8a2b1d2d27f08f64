package io.pluginio.websocket;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The WebSocket connections of this replica, and the seam for draining it: {@link #stopAccepting()}
 * makes new connection attempts close with 1001, and {@link #connections()} lists the accepted
 * connections so that each can be {@linkplain LiveConnection#close closed}, e.g. with 1001 in
 * paced batches during a rolling update.
 */
public final class ConnectionRegistry {

    private final int maxConnections;

    /** Every open connection, authenticating ones included: what the limit counts. */
    private final AtomicInteger open = new AtomicInteger();

    private final Set<ChannelConnection> accepted = ConcurrentHashMap.newKeySet();

    private volatile boolean accepting = true;

    /** @param maxConnections most open connections; zero means no limit */
    public ConnectionRegistry(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /** Open connections, counting those whose {@code authenticate} still runs. */
    public int openCount() {
        return open.get();
    }

    /** A snapshot of the accepted connections. */
    public List<LiveConnection> connections() {
        return List.copyOf(accepted);
    }

    /** New connection attempts are closed with 1001 from now on. */
    public void stopAccepting() {
        accepting = false;
    }

    /** New connection attempts are let in again: the context was restarted after a drain. */
    public void startAccepting() {
        accepting = true;
    }

    /** Whether new connection attempts are still let in. */
    public boolean isAccepting() {
        return accepting;
    }

    /** Counts a new connection if the limit allows; the caller must {@link #close()} it once after true. */
    boolean tryOpen() {
        while (true) {
            int current = open.get();
            if (maxConnections > 0 && current >= maxConnections) {
                return false;
            }
            if (open.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void close() {
        open.decrementAndGet();
    }

    void add(ChannelConnection connection) {
        accepted.add(connection);
    }

    void remove(ChannelConnection connection) {
        accepted.remove(connection);
    }

    /** Pings every accepted connection. */
    void pingAll() {
        accepted.forEach(ChannelConnection::ping);
    }
}
