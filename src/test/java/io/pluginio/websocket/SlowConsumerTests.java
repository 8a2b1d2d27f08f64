package io.pluginio.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.pluginio.PluginIoApplication;
import io.pluginio.plugin.Broadcaster;
import io.pluginio.plugin.Plugin;
import io.pluginio.plugin.WebSocket;
import io.pluginio.plugin.WebSocketApi;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * One connection never reads while 1,000 broadcasts go to its channel: the others receive all of
 * them in order, and the slow one is closed 4508. Messages are 32 KiB so that the loopback socket
 * buffers (megabytes) cannot absorb the whole run; the close timeout is long so that the slow
 * client, once it reads again, finds the close frame behind the frames it had not read.
 */
@SpringBootTest(
        classes = PluginIoApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "plugin-io.websocket.send-buffer-size=" + SlowConsumerTests.SEND_BUFFER,
            "plugin-io.websocket.close-timeout=2m"
        })
@Import(SlowConsumerTests.OpenAccess.class)
class SlowConsumerTests {

    static final int SEND_BUFFER = 16;

    static final int BROADCASTS = 1000;

    static final String PADDING = "x".repeat(32 * 1024);

    @LocalServerPort
    int port;

    @Autowired
    Broadcaster broadcaster;

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void slowConnectionIsClosedWith4508WhileTheOthersReceiveEveryBroadcastInOrder() {
        String path = "/plugin-io/ws/ws_slow/firehose/?since=latest";
        try (TestClient fast1 = TestClient.connect(port, path);
                TestClient fast2 = TestClient.connect(port, path);
                TestClient slow = TestClient.connectWithoutReading(port, path)) {
            fast1.next();
            fast2.next();
            slow.next();
            int[] received = new int[2];
            TestClient[] fast = {fast1, fast2};
            for (int n = 0; n < BROADCASTS; n++) {
                broadcaster
                        .broadcast("ws_slow", "firehose", Map.of("n", n, "pad", PADDING))
                        .block(TestClient.BOUND);
                // The readers keep up with the publisher: they are never let fall more than half the
                // send buffer behind (on a busy 2-core machine they might by themselves, and the
                // buffer bound is exact). The slow client is never waited for.
                if ((n + 1) % (SEND_BUFFER / 2) == 0 || n == BROADCASTS - 1) {
                    for (int i = 0; i < fast.length; i++) {
                        while (received[i] <= n) {
                            assertThat(json.readTree(fast[i].next())
                                            .get("message")
                                            .get("n")
                                            .asInt())
                                    .isEqualTo(received[i]++);
                        }
                    }
                }
            }
            assertThat(received).containsExactly(BROADCASTS, BROADCASTS);
            assertThat(fast1.isClosed() || fast2.isClosed()).isFalse();
            slow.startReading();
            slow.assertClosedWith(4508, "Too slow");
            assertThat(slow.pending()).isLessThan(BROADCASTS);
        }
    }

    @Plugin("ws_slow")
    static class OpenAccess implements WebSocketApi {

        @Override
        public boolean authenticate(WebSocket websocket) {
            return true;
        }
    }
}
