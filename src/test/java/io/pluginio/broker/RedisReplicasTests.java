package io.pluginio.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.pluginio.plugin.Broadcaster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * Two replicas (two application contexts on random ports) sharing one Redis, with real WebSocket
 * clients.
 */
@RedisIntegrationTest
class RedisReplicasTests {

    private static final Duration BOUND = FrameClient.BOUND;

    private static ConfigurableApplicationContext replicaA;

    private static ConfigurableApplicationContext replicaB;

    @BeforeAll
    static void startReplicas() {
        replicaA = Replicas.start(RedisTestSupport.requiredUrl());
        replicaB = Replicas.start(RedisTestSupport.requiredUrl());
    }

    @AfterAll
    static void stopReplicas() {
        if (replicaA != null) {
            replicaA.close();
        }
        if (replicaB != null) {
            replicaB.close();
        }
    }

    @Test
    void broadcastAcceptedByOneReplicaReachesClientsOfBothExactlyOnceInOrder() {
        String channel = RedisTestSupport.uniqueChannel("fanout");
        String otherChannel = RedisTestSupport.uniqueChannel("other");
        String demo = "?api_key=" + Replicas.WS_API_KEY + "&since=latest";
        try (FrameClient onA = Replicas.connect(replicaA, "notifications_demo", channel, demo);
                FrameClient onB = Replicas.connect(replicaB, "notifications_demo", channel, demo);
                FrameClient otherChannelOnB = Replicas.connect(replicaB, "notifications_demo", otherChannel, demo);
                FrameClient otherPluginOnA = Replicas.connect(replicaA, "replica_tests", channel, "?since=latest")) {
            // the position frame: the replica's subscription is in place before it is sent
            for (FrameClient client : List.of(onA, onB, otherChannelOnB, otherPluginOnA)) {
                assertThat(client.next().get("recovered").asBoolean()).isTrue();
            }

            // webhook calls to replica A, one after the other
            List<Integer> statuses = Flux.range(0, 20)
                    .concatMap(i -> Replicas.post(replicaA, channel, "{\"n\": " + i + "}"))
                    .collectList()
                    .block(BOUND);
            assertThat(statuses).containsOnly(202);
            assertThat(Replicas.post(replicaA, channel, "\"end\"").block(BOUND)).isEqualTo(202);

            for (FrameClient client : List.of(onA, onB)) {
                List<Integer> received = new ArrayList<>();
                List<Long> offsets = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    JsonNode frame = client.next();
                    received.add(frame.get("message").get("n").asInt());
                    offsets.add(frame.get("offset").asLong());
                }
                assertThat(received).isEqualTo(IntStream.range(0, 20).boxed().toList());
                assertThat(offsets)
                        .isEqualTo(LongStream.rangeClosed(1, 20).boxed().toList());
                // nothing repeated between the last broadcast and the end marker
                assertThat(client.next().get("message").asString()).isEqualTo("end");
            }
            // the other channel and the other plugin's same-named channel saw none of it
            assertThat(Replicas.post(replicaB, otherChannel, "\"own\"").block(BOUND))
                    .isEqualTo(202);
            broadcaster(replicaB).broadcast("replica_tests", channel, "own").block(BOUND);
            assertThat(otherChannelOnB.next().get("message").asString()).isEqualTo("own");
            assertThat(otherPluginOnA.next().get("message").asString()).isEqualTo("own");
        }
    }

    @Test
    void clientReconnectingToTheOtherReplicaRecoversWhatItMissed() {
        String channel = RedisTestSupport.uniqueChannel("resume");
        JsonNode last;
        try (FrameClient onA = Replicas.connect(replicaA, "replica_tests", channel, "?since=latest")) {
            onA.next();
            Flux.range(0, 3)
                    .concatMap(i -> broadcaster(replicaA).broadcast("replica_tests", channel, i))
                    .blockLast(BOUND);
            onA.next();
            onA.next();
            last = onA.next();
            assertThat(last.get("message").asInt()).isEqualTo(2);
        }
        // missed while away, published through the other replica
        Flux.range(3, 5)
                .concatMap(i -> broadcaster(replicaB).broadcast("replica_tests", channel, i))
                .blockLast(BOUND);

        String resume = "?since=" + last.get("offset").asLong() + "&epoch="
                + last.get("epoch").asString();
        try (FrameClient onB = Replicas.connect(replicaB, "replica_tests", channel, resume)) {
            JsonNode position = onB.next();
            assertThat(position.get("recovered").asBoolean()).isTrue();
            assertThat(position.get("epoch").asString())
                    .isEqualTo(last.get("epoch").asString());
            List<Integer> recovered = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                recovered.add(onB.next().get("message").asInt());
            }
            assertThat(recovered).containsExactly(3, 4, 5, 6, 7);
            broadcaster(replicaA).broadcast("replica_tests", channel, 8).block(BOUND);
            JsonNode live = onB.next();
            assertThat(live.get("message").asInt()).isEqualTo(8);
            assertThat(live.get("offset").asLong()).isEqualTo(last.get("offset").asLong() + 6);
        }
    }

    @Test
    void clientsOfAStoppedReplicaResumeOnTheSurvivorWithEveryMessageExactlyOnce() {
        String channel = RedisTestSupport.uniqueChannel("failover");
        int total = 120;
        ConfigurableApplicationContext doomed = Replicas.start(RedisTestSupport.requiredUrl());
        List<ResumingClient> onDoomed = new ArrayList<>();
        List<ResumingClient> onSurvivor = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                onDoomed.add(new ResumingClient(doomed, channel));
            }
            for (int i = 0; i < 2; i++) {
                onSurvivor.add(new ResumingClient(replicaA, channel));
            }
            // a steady publisher on the surviving replica
            var publishing = Flux.range(0, total)
                    .delayElements(Duration.ofMillis(20))
                    .concatMap(i -> broadcaster(replicaA).broadcast("replica_tests", channel, i))
                    .then()
                    .toFuture();

            onDoomed.forEach(client -> client.awaitCount(total / 4));
            doomed.close();
            for (ResumingClient client : onDoomed) {
                client.awaitClosed();
                client.resumeOn(replicaA);
            }
            publishing.get(60, java.util.concurrent.TimeUnit.SECONDS);

            List<Integer> everyMessage = IntStream.range(0, total).boxed().toList();
            for (ResumingClient client : concat(onDoomed, onSurvivor)) {
                client.awaitCount(total);
                assertThat(client.messages()).isEqualTo(everyMessage);
            }
        } catch (Exception ex) {
            throw new AssertionError(ex);
        } finally {
            concat(onDoomed, onSurvivor).forEach(ResumingClient::close);
            doomed.close();
        }
    }

    private static List<ResumingClient> concat(List<ResumingClient> first, List<ResumingClient> second) {
        List<ResumingClient> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /**
     * A client that remembers the position of the last broadcast it received and resumes from it,
     * as the JavaScript client does.
     */
    static final class ResumingClient implements AutoCloseable {

        private final String channel;

        private final List<Integer> messages = new ArrayList<>();

        private FrameClient client;

        private long offset;

        private String epoch = "";

        ResumingClient(ConfigurableApplicationContext replica, String channel) {
            this.channel = channel;
            this.client = Replicas.connect(replica, "replica_tests", channel, "?since=latest");
            JsonNode position = this.client.next();
            this.offset = position.get("offset").asLong();
            this.epoch = position.get("epoch").asString();
        }

        void awaitCount(int count) {
            while (this.messages.size() < count) {
                JsonNode frame = this.client.next();
                assertThat(frame.has("message"))
                        .as("a broadcast frame: %s", frame)
                        .isTrue();
                this.messages.add(frame.get("message").asInt());
                this.offset = frame.get("offset").asLong();
                this.epoch = frame.get("epoch").asString();
            }
        }

        void awaitClosed() throws Exception {
            this.client.closed().get(BOUND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            // frames that arrived before the close still count
            for (JsonNode frame = this.client.poll(); frame != null; frame = this.client.poll()) {
                this.messages.add(frame.get("message").asInt());
                this.offset = frame.get("offset").asLong();
                this.epoch = frame.get("epoch").asString();
            }
        }

        void resumeOn(ConfigurableApplicationContext replica) {
            this.client.close();
            this.client = Replicas.connect(
                    replica, "replica_tests", this.channel, "?since=" + this.offset + "&epoch=" + this.epoch);
            JsonNode position = this.client.next();
            assertThat(position.get("recovered").asBoolean())
                    .as("recovered: %s", position)
                    .isTrue();
        }

        List<Integer> messages() {
            return this.messages;
        }

        @Override
        public void close() {
            this.client.close();
        }
    }

    private static Broadcaster broadcaster(ConfigurableApplicationContext replica) {
        return replica.getBean(Broadcaster.class);
    }
}
