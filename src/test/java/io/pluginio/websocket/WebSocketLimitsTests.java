package io.pluginio.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.pluginio.PluginIoApplication;
import io.pluginio.broker.ChannelKey;
import io.pluginio.plugin.Broadcaster;
import io.pluginio.plugin.Plugin;
import io.pluginio.plugin.WebSocket;
import io.pluginio.plugin.WebSocketApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.socket.CloseStatus;

/**
 * The connection limit, server pings, and a client that never reads at all. Each test leaves no
 * connection behind.
 */
@SpringBootTest(
        classes = PluginIoApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "plugin-io.websocket.max-connections=2",
            "plugin-io.websocket.send-buffer-size=16",
            "plugin-io.websocket.close-timeout=1s",
            "plugin-io.websocket.ping-interval=200ms"
        })
@Import({WebSocketLimitsTests.OpenAccess.class, WebSocketLimitsTests.RecordingListener.class})
class WebSocketLimitsTests {

    static final String PADDING = "x".repeat(32 * 1024);

    @LocalServerPort
    int port;

    @Autowired
    Broadcaster broadcaster;

    @Autowired
    ConnectionRegistry connections;

    @Autowired
    RecordingListener listener;

    @Test
    void connectBeyondTheLimitClosesWith4429AndAFreedSlotIsReused() {
        String path = "/plugin-io/ws/ws_limits/room/?since=latest";
        try (TestClient first = TestClient.connect(port, path);
                TestClient second = TestClient.connect(port, path)) {
            first.next();
            second.next();
            try (TestClient third = TestClient.connect(port, path)) {
                third.assertClosedWith(4429, "Too many connections");
            }
            assertThat(listener.denied).contains(4429);
        }
        awaitNoConnection();
        try (TestClient again = TestClient.connect(port, path)) {
            assertThat(again.next()).contains("\"recovered\":true");
        }
        awaitNoConnection();
    }

    @Test
    void clientThatNeverReadsIsAbortedAfterTheCloseTimeout() {
        try (TestClient silent =
                TestClient.connectWithoutReading(port, "/plugin-io/ws/ws_limits/silent/?since=latest")) {
            silent.next();
            for (int n = 0; n < 1000 && !silent.isClosed() && connections.openCount() > 0; n++) {
                broadcaster
                        .broadcast("ws_limits", "silent", Map.of("n", n, "pad", PADDING))
                        .block(TestClient.BOUND);
            }
            // The client cannot answer the close frame (it is stuck behind unread frames), yet the
            // connection goes: the server cut it after the close timeout.
            awaitNoConnection();
            silent.startReading();
            // What the client finds once it reads: the 4508 close frame if it had reached the
            // socket before the cut, else none (the client reports 1005).
            assertThat(silent.closeStatus().getCode()).isIn(4508, 1005);
        }
    }

    @Test
    void registeredConnectionClosedWithAStatusReachesTheClientWithIt() {
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_limits/drained/?since=latest")) {
            client.next();
            broadcaster.broadcast("ws_limits", "drained", "one").block(TestClient.BOUND);
            client.next();
            assertThat(connections.connections())
                    .singleElement()
                    .satisfies(connection ->
                            assertThat(connection.channel().channel()).isEqualTo("drained"));
            connections.connections().get(0).close(CloseStatuses.GOING_AWAY).block(TestClient.BOUND);
            client.assertClosedWith(1001, "Server going away");
        }
        awaitNoConnection();
        assertThat(listener.closedByServer).contains(1001);
        assertThat(listener.delivered).hasPositiveValue();
    }

    @Test
    void serverPingsIdleConnections() {
        try (TestClient idle = TestClient.connect(port, "/plugin-io/ws/ws_limits/idle/?since=latest")) {
            idle.next();
            idle.awaitPing();
            assertThat(idle.isClosed()).isFalse();
        }
        awaitNoConnection();
    }

    private void awaitNoConnection() {
        long deadline = System.nanoTime() + TestClient.BOUND.toNanos();
        while (connections.openCount() > 0) {
            assertThat(System.nanoTime()).as("connections still open").isLessThan(deadline);
            sleep(Duration.ofMillis(20));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    static class RecordingListener implements ConnectionListener {

        final List<Integer> denied = new CopyOnWriteArrayList<>();

        final List<Integer> closedByServer = new CopyOnWriteArrayList<>();

        final AtomicInteger delivered = new AtomicInteger();

        @Override
        public void denied(CloseStatus status) {
            denied.add(status.getCode());
        }

        @Override
        public void delivered(ChannelKey channel, long publishedAt, int connections) {
            delivered.addAndGet(connections);
        }

        @Override
        public void closedByServer(ChannelKey channel, CloseStatus status) {
            closedByServer.add(status.getCode());
        }
    }

    @Plugin("ws_limits")
    static class OpenAccess implements WebSocketApi {

        @Override
        public boolean authenticate(WebSocket websocket) {
            return true;
        }
    }
}
