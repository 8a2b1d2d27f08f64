package io.pluginio.websocket;

import io.pluginio.PluginIoApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A connection the server cannot serve because its broker is down is closed with 1011 "Server
 * error" (reconnect with backoff), not left open and silent: the Redis broker pointed at a port
 * where nothing listens.
 */
@SpringBootTest(
        classes = PluginIoApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "plugin-io.broker=redis",
            "spring.data.redis.url=redis://127.0.0.1:1",
            "plugin-io.plugins[notifications_demo].secrets[ws-api-key]=down-key"
        })
class WebSocketBrokerDownTests {

    @LocalServerPort
    int port;

    @Test
    void connectWhileTheBrokerIsDownClosesWith1011() {
        try (TestClient client =
                TestClient.connect(port, "/plugin-io/ws/notifications_demo/notifications/?api_key=down-key")) {
            client.assertClosedWith(1011, "Server error");
        }
    }
}
