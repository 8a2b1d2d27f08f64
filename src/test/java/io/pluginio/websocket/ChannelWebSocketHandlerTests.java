package io.pluginio.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.pluginio.PluginIoApplication;
import io.pluginio.plugin.AuthenticationException;
import io.pluginio.plugin.Broadcaster;
import io.pluginio.plugin.Plugin;
import io.pluginio.plugin.WebSocket;
import io.pluginio.plugin.WebSocketApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
        classes = PluginIoApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "plugin-io.history.size=50",
            "plugin-io.websocket.max-client-messages=20",
            "plugin-io.websocket.client-message-window=1m"
        })
@Import({ChannelWebSocketHandlerTests.TestAccess.class, ChannelWebSocketHandlerTests.OtherAccess.class})
class ChannelWebSocketHandlerTests {

    static final AtomicInteger countedAuthentications = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    Broadcaster broadcaster;

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void connectWhenAuthenticateReturnsTrueReceivesEveryLaterBroadcast() {
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_test/news/?since=latest")) {
            JsonNode position = json.readTree(client.next());
            assertThat(position.get("recovered").asBoolean()).isTrue();
            broadcast("news", Map.of("text", "hello"));
            JsonNode frame = json.readTree(client.next());
            assertThat(frame.get("message").get("text").asString()).isEqualTo("hello");
            assertThat(frame.get("offset").asLong())
                    .isEqualTo(position.get("offset").asLong() + 1);
            assertThat(frame.get("epoch").asString())
                    .isEqualTo(position.get("epoch").asString());
        }
    }

    @Test
    void connectWithoutSinceReceivesMessageFramesOnly() {
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_test/plain/")) {
            // No position frame to wait for: broadcast until the connection has joined.
            String first = null;
            for (int attempt = 0; first == null && attempt < 200; attempt++) {
                broadcast("plain", "warm-up");
                first = client.poll(Duration.ofMillis(100));
            }
            assertThat(first).isNotNull();
            JsonNode frame = json.readTree(first);
            assertThat(frame.has("recovered")).isFalse();
            assertThat(frame.get("message").asString()).isEqualTo("warm-up");
        }
    }

    @Test
    void connectWithoutTrailingSlashAndApiKeyQueryParameterIsAccepted() {
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_test/keyed?api_key=k-123&since=latest")) {
            json.readTree(client.next());
            broadcast("keyed", 42);
            assertThat(json.readTree(client.next()).get("message").asInt()).isEqualTo(42);
        }
    }

    @Test
    void connectWithWrongApiKeyClosesWith4403() {
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_test/keyed/?api_key=wrong")) {
            client.assertClosedWith(4403, "Unauthorized");
        }
    }

    @Test
    void connectWhenAuthenticateReturnsFalseClosesWith4403() {
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_test/deny/")) {
            client.assertClosedWith(4403, "Unauthorized");
        }
    }

    @Test
    void connectWhenAuthenticateThrowsAuthenticationExceptionClosesWith4403() {
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_test/authexc/")) {
            client.assertClosedWith(4403, "Unauthorized");
        }
    }

    @Test
    void connectWhenAuthenticateThrowsOtherExceptionClosesWith4500() {
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_test/boom/")) {
            client.assertClosedWith(4500, "Internal server error");
        }
    }

    @Test
    void connectToUnknownPluginClosesWith4404() {
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/no_such_plugin/news/")) {
            assertThat(client.closeStatus().getCode()).isEqualTo(4404);
        }
    }

    @Test
    void connectToChannelWithoutHandlerClosesWith4404() {
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_other/unclaimed")) {
            assertThat(client.closeStatus().getCode()).isEqualTo(4404);
        }
    }

    @Test
    void connectWithBadNamesClosesWith4400() {
        List<String> paths = List.of(
                "/plugin-io/ws/bad-plugin/news/",
                "/plugin-io/ws/ws_test/" + "c".repeat(101) + "/",
                "/plugin-io/ws/ws_test/caf%C3%A9/",
                "/plugin-io/ws/ws_test/a.b",
                "/plugin-io/ws/ws_test/a/b/",
                "/plugin-io/ws/ws_test/");
        for (String path : paths) {
            try (TestClient client = TestClient.connect(port, path)) {
                assertThat(client.closeStatus().getCode()).as(path).isEqualTo(4400);
            }
        }
    }

    @Test
    void connectWithHundredCharacterChannelIsAccepted() {
        String channel = "c".repeat(100);
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_test/" + channel + "/?since=latest")) {
            assertThat(json.readTree(client.next()).has("recovered")).isTrue();
        }
    }

    @Test
    void connectWithMalformedResumeParametersClosesWith4400() {
        List<String> queries =
                List.of("since=abc&epoch=e", "epoch=e", "since=1", "since=-1&epoch=e", "since=latest&epoch=e");
        for (String query : queries) {
            try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_test/news/?" + query)) {
                assertThat(client.closeStatus().getCode()).as(query).isEqualTo(4400);
            }
        }
    }

    @Test
    void channelsArePerPlugin() {
        try (TestClient mine = TestClient.connect(port, "/plugin-io/ws/ws_test/shared/?since=latest");
                TestClient other = TestClient.connect(port, "/plugin-io/ws/ws_other/shared/?since=latest")) {
            mine.next();
            other.next();
            broadcastTo("ws_test", "shared", "for ws_test");
            broadcastTo("ws_other", "shared", "for ws_other");
            assertThat(json.readTree(mine.next()).get("message").asString()).isEqualTo("for ws_test");
            assertThat(json.readTree(other.next()).get("message").asString()).isEqualTo("for ws_other");
        }
    }

    @Test
    void broadcasterReachesEveryConnectionInPublishOrder() {
        List<TestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_test/ordered/?since=latest");
                client.next();
                clients.add(client);
            }
            for (int n = 0; n < 200; n++) {
                broadcast("ordered", Map.of("n", n));
            }
            for (TestClient client : clients) {
                for (int n = 0; n < 200; n++) {
                    assertThat(json.readTree(client.next())
                                    .get("message")
                                    .get("n")
                                    .asInt())
                            .isEqualTo(n);
                }
            }
        } finally {
            clients.forEach(TestClient::close);
        }
    }

    @Test
    void clientTextFramesAreIgnoredAndConnectionStaysOpen() {
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_test/chatty/?since=latest")) {
            client.next();
            client.send("ping");
            client.send("{\"type\":\"keepalive\"}");
            client.send("anything");
            broadcast("chatty", "still here");
            assertThat(json.readTree(client.next()).get("message").asString()).isEqualTo("still here");
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void clientThatFloodsIsClosedWith4429() {
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_test/flood/?since=latest")) {
            client.next();
            for (int i = 0; i < 25; i++) {
                client.send("flood " + i);
            }
            client.assertClosedWith(4429, "Too many messages");
        }
    }

    @Test
    void clientFrameLargerThanLimitClosesWith1009() {
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_test/big/?since=latest")) {
            client.next();
            client.send("x".repeat(70 * 1024));
            assertThat(client.closeStatus().getCode()).isEqualTo(1009);
        }
    }

    @Test
    void reconnectWithSinceAndEpochRecoversExactlyTheMissedBroadcastsThenLiveOnes() {
        String channel = "recover";
        JsonNode last;
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_test/" + channel + "/?since=latest")) {
            client.next();
            broadcast(channel, "before");
            last = json.readTree(client.next());
        }
        for (int n = 0; n < 10; n++) {
            broadcast(channel, Map.of("missed", n));
        }
        String resume = "?since=" + last.get("offset").asLong() + "&epoch="
                + last.get("epoch").asString();
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_test/" + channel + resume)) {
            JsonNode position = json.readTree(client.next());
            assertThat(position.get("recovered").asBoolean()).isTrue();
            assertThat(position.get("epoch").asString())
                    .isEqualTo(last.get("epoch").asString());
            long offset = last.get("offset").asLong();
            for (int n = 0; n < 10; n++) {
                JsonNode frame = json.readTree(client.next());
                assertThat(frame.get("message").get("missed").asInt()).isEqualTo(n);
                assertThat(frame.get("offset").asLong()).isEqualTo(++offset);
            }
            broadcast(channel, "live");
            JsonNode live = json.readTree(client.next());
            assertThat(live.get("message").asString()).isEqualTo("live");
            assertThat(live.get("offset").asLong()).isEqualTo(offset + 1);
        }
    }

    @Test
    void reconnectPastTrimmedHistoryIsNotRecovered() {
        String channel = "trimmed";
        JsonNode position;
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_test/" + channel + "/?since=latest")) {
            position = json.readTree(client.next());
        }
        for (int n = 0; n < 60; n++) {
            broadcast(channel, n);
        }
        String resume = "?since=" + position.get("offset").asLong() + "&epoch="
                + position.get("epoch").asString();
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_test/" + channel + "/" + resume)) {
            JsonNode answer = json.readTree(client.next());
            assertThat(answer.get("recovered").asBoolean()).isFalse();
            assertThat(answer.get("offset").asLong())
                    .isEqualTo(position.get("offset").asLong() + 60);
            broadcast(channel, "live");
            JsonNode live = json.readTree(client.next());
            assertThat(live.get("message").asString()).isEqualTo("live");
        }
    }

    @Test
    void reconnectWithOtherEpochIsNotRecovered() {
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_test/epochs/?since=0&epoch=stale")) {
            JsonNode answer = json.readTree(client.next());
            assertThat(answer.get("recovered").asBoolean()).isFalse();
            assertThat(answer.get("epoch").asString()).isNotEqualTo("stale");
        }
    }

    @Test
    void reconnectRunsAuthenticateAgain() {
        int before = countedAuthentications.get();
        for (int i = 0; i < 2; i++) {
            try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_test/counted/?since=latest")) {
                client.next();
            }
        }
        assertThat(countedAuthentications.get() - before).isEqualTo(2);
    }

    @Test
    void concurrentPublishersLoseNothingDuplicateNothingAndKeepEachPublishersOrder() {
        int publishers = 8;
        int perPublisher = 100;
        try (TestClient client = TestClient.connect(port, "/plugin-io/ws/ws_test/concurrent/?since=latest")) {
            long start = json.readTree(client.next()).get("offset").asLong();
            Flux.range(0, publishers)
                    .parallel(publishers)
                    .runOn(Schedulers.boundedElastic())
                    .flatMap(p -> Flux.range(0, perPublisher)
                            .concatMap(n -> broadcaster.broadcast("ws_test", "concurrent", Map.of("p", p, "n", n))))
                    .sequential()
                    .blockLast(TestClient.BOUND);
            Map<Integer, Integer> next = new HashMap<>();
            long offset = start;
            for (int i = 0; i < publishers * perPublisher; i++) {
                JsonNode frame = json.readTree(client.next());
                assertThat(frame.get("offset").asLong()).isEqualTo(++offset);
                int p = frame.get("message").get("p").asInt();
                int n = frame.get("message").get("n").asInt();
                assertThat(n).as("publisher %d", p).isEqualTo(next.getOrDefault(p, 0));
                next.put(p, n + 1);
            }
            assertThat(next)
                    .hasSize(publishers)
                    .allSatisfy((p, count) -> assertThat(count).isEqualTo(perPublisher));
        }
    }

    private void broadcast(String channel, Object message) {
        broadcastTo("ws_test", channel, message);
    }

    private void broadcastTo(String plugin, String channel, Object message) {
        broadcaster.broadcast(plugin, channel, message).block(TestClient.BOUND);
    }

    @Plugin("ws_test")
    static class TestAccess implements WebSocketApi {

        @Override
        public boolean authenticate(WebSocket websocket) {
            return switch (websocket.channel()) {
                case "deny" -> false;
                case "authexc" -> throw new AuthenticationException.InvalidCredentials();
                case "boom" -> throw new IllegalStateException("boom");
                case "keyed" -> websocket.apiKey().filter("k-123"::equals).isPresent();
                case "counted" -> countedAuthentications.incrementAndGet() > 0;
                default -> true;
            };
        }
    }

    @Plugin("ws_other")
    static class OtherAccess implements WebSocketApi {

        @Override
        public boolean authenticate(WebSocket websocket) {
            return true;
        }

        @Override
        public Set<String> channels() {
            return Set.of("shared");
        }
    }
}
