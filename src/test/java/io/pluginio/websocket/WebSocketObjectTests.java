package io.pluginio.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pluginio.PluginIoApplication;
import io.pluginio.plugin.Broadcaster;
import io.pluginio.plugin.Plugin;
import io.pluginio.plugin.WebSocket;
import io.pluginio.plugin.WebSocketApi;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code websocket} object of SPEC 3.1 as a plugin's {@code authenticate} receives it from a
 * real handshake, where it runs, and what a broadcast's {@code message} may be (SPEC 3.3).
 */
@SpringBootTest(
        classes = PluginIoApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "plugin-io.plugins[ws_object].secrets[ws-key]=object-key",
            "plugin-io.plugins[ws_object_b].secrets[ws-key]=other-key"
        })
@Import({WebSocketObjectTests.ObjectAccess.class, WebSocketObjectTests.OtherObjectAccess.class})
@ExtendWith(OutputCaptureExtension.class)
class WebSocketObjectTests {

    static final BlockingQueue<WebSocket> seen = new LinkedBlockingQueue<>();

    static final BlockingQueue<String> threads = new LinkedBlockingQueue<>();

    static volatile CountDownLatch blocking = new CountDownLatch(1);

    static volatile CountDownLatch entered = new CountDownLatch(1);

    @LocalServerPort
    int port;

    @Autowired
    Broadcaster broadcaster;

    @Autowired
    ConnectionRegistry connections;

    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void forgetWhatThePluginSaw() {
        seen.clear();
        threads.clear();
    }

    @Test
    void pluginSeesTheChannelAndTheHandshakeHeadersCaseInsensitiveWithListHeadersSplitAndOthersWhole()
            throws InterruptedException {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Accept", "text/html, application/json");
        headers.add("X-Forwarded-For", "10.0.0.1, 10.0.0.2");
        headers.add("User-Agent", "Probe/1.0 (a, b)");
        headers.add("Cookie", "first=1; second=2");
        headers.add("X-Custom", "a, b");
        headers.add("X-Multi", "one");
        headers.add("X-Multi", "two");

        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_object/record/?since=latest", headers)) {
            client.next();
        }

        WebSocket websocket = nextSeen();
        assertThat(websocket.channel()).isEqualTo("record");
        assertThat(websocket.headers().all("ACCEPT")).containsExactly("text/html", "application/json");
        assertThat(websocket.headers().all("x-forwarded-for")).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(websocket.headers().all("user-agent")).containsExactly("Probe/1.0 (a, b)");
        assertThat(websocket.headers().all("cookie")).containsExactly("first=1; second=2");
        assertThat(websocket.headers().all("X-CUSTOM")).containsExactly("a, b");
        assertThat(websocket.headers().all("x-multi")).containsExactly("one", "two");
    }

    @Test
    void apiKeyIsTheRawAuthorizationHeaderWhenTheQueryHasNone() throws InterruptedException {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Authorization", "Bearer abc");

        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_object/record?since=latest", headers)) {
            client.next();
        }

        assertThat(nextSeen().apiKey()).contains("Bearer abc");
    }

    @Test
    void apiKeyQueryParameterWinsOverTheAuthorizationHeader() throws InterruptedException {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Authorization", "from-header");

        try (TestClient client =
                TestClient.connect(port, "/plugin-io/ws/ws_object/record/?since=latest&api_key=from-query", headers)) {
            client.next();
        }

        assertThat(nextSeen().apiKey()).contains("from-query");
    }

    @Test
    void withoutCredentialsApiKeyAndLoggedInUserAreAbsent() throws InterruptedException {
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_object/record/?since=latest")) {
            client.next();
        }

        WebSocket websocket = nextSeen();
        assertThat(websocket.apiKey()).isEmpty();
        assertThat(websocket.loggedInUser()).isEmpty();
    }

    @Test
    void handlerChecksKeysAgainstItsOwnPluginsSecretsOnly() {
        try (TestClient own =
                TestClient.connect(port, "/plugin-io/ws/ws_object/secret/?since=latest&api_key=object-key")) {
            assertThat(json.readTree(own.next()).has("recovered")).isTrue();
        }
        try (TestClient other =
                TestClient.connect(port, "/plugin-io/ws/ws_object/secret/?since=latest&api_key=other-key")) {
            other.assertClosedWith(4403, "Unauthorized");
        }
    }

    @Test
    void blockingAuthenticateRunsOffTheEventLoopAndStallsNoOtherConnection() throws InterruptedException {
        blocking = new CountDownLatch(1);
        entered = new CountDownLatch(1);
        try (TestClient waiting = TestClient.connect(port, "/plugin-io/ws/ws_object/blocking/?since=latest")) {
            assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
            try (TestClient other = TestClient.connect(port, "/plugin-io/ws/ws_object/record/?since=latest")) {
                other.next();
                broadcaster.broadcast("ws_object", "record", "while blocked").block(TestClient.BOUND);
                assertThat(json.readTree(other.next()).get("message").asString())
                        .isEqualTo("while blocked");
            }
            assertThat(waiting.isClosed()).isFalse();
            blocking.countDown();
            assertThat(json.readTree(waiting.next()).has("recovered")).isTrue();
        } finally {
            blocking.countDown();
        }
        assertThat(threads).isNotEmpty().noneMatch(name -> name.startsWith("reactor-http"));
    }

    @Test
    void anyJsonValueIsDeliveredAsTheMessage() {
        List<Object> values =
                Arrays.asList(null, true, 1.5, 7, "text", List.of(1, "two"), Map.of("a", Map.of("b", List.of())));
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_object/values/?since=latest")) {
            client.next();
            for (Object value : values) {
                broadcaster.broadcast("ws_object", "values", value).block(TestClient.BOUND);
            }
            for (Object value : values) {
                JsonNode frame = json.readTree(client.next());
                assertThat(frame.has("message")).isTrue();
                assertThat(frame.get("message")).isEqualTo(json.valueToTree(value));
            }
        }
    }

    @Test
    void authenticateThatFailsClosesWith4500WithoutItsMessageAndLogsItsStackTrace(CapturedOutput output) {
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_object/failing/")) {
            client.assertClosedWith(4500, "Internal server error");
        }

        await().atMost(TestClient.BOUND)
                .until(() -> output.toString().contains("java.lang.IllegalStateException: lookup failed: detail-xyz"));
        assertThat(output.toString()).contains("\tat io.pluginio.websocket.WebSocketObjectTests$ObjectAccess");
    }

    @Test
    void clientClosingNormallyIsAnsweredWith1000AndLeavesNoConnectionBehind() {
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_object/leaving/?since=latest")) {
            client.next();
            client.closeWith(CloseStatus.NORMAL);
            assertThat(client.closeStatus().getCode()).isEqualTo(1000);
        }
        await().atMost(TestClient.BOUND).until(() -> connections.openCount() == 0);
    }

    private static WebSocket nextSeen() throws InterruptedException {
        WebSocket websocket = seen.poll(TestClient.BOUND.toSeconds(), TimeUnit.SECONDS);
        assertThat(websocket).as("authenticate ran").isNotNull();
        return websocket;
    }

    @Plugin("ws_object")
    static class ObjectAccess implements WebSocketApi {

        @Override
        public boolean authenticate(WebSocket websocket) {
            threads.add(Thread.currentThread().getName());
            return switch (websocket.channel()) {
                case "record" -> seen.add(websocket);
                case "secret" ->
                    websocket
                            .apiKey()
                            .filter(key -> websocket.secrets().matches("ws-key", key))
                            .isPresent();
                case "blocking" -> {
                    entered.countDown();
                    try {
                        yield blocking.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        yield false;
                    }
                }
                case "failing" -> throw new IllegalStateException("lookup failed: detail-xyz");
                default -> true;
            };
        }
    }

    @Plugin("ws_object_b")
    static class OtherObjectAccess implements WebSocketApi {

        @Override
        public boolean authenticate(WebSocket websocket) {
            return true;
        }
    }
}
