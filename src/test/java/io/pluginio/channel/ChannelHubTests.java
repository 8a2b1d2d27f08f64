package io.pluginio.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.pluginio.broker.Broker;
import io.pluginio.broker.BrokerUnavailableException;
import io.pluginio.broker.ChannelKey;
import io.pluginio.broker.History;
import io.pluginio.broker.HistoryProperties;
import io.pluginio.broker.MemoryBroker;
import io.pluginio.broker.PublicationHandler;
import io.pluginio.broker.StreamPosition;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ChannelHubTests {

    static final Duration BOUND = Duration.ofSeconds(10);

    final ChannelKey news = new ChannelKey("plugin", "news");

    final JsonMapper json = JsonMapper.builder().build();

    final RecordingBroker broker =
            new RecordingBroker(new MemoryBroker(new HistoryProperties(100, Duration.ofMinutes(5)), Clock.systemUTC()));

    final VirtualTimeScheduler time = VirtualTimeScheduler.create();

    final ChannelHub hub = new ChannelHub(broker, Duration.ofSeconds(5), time);

    @Test
    void everyConnectionReceivesEveryPublicationAsTheSameFrameBytes() {
        List<byte[]> first = new ArrayList<>();
        List<byte[]> second = new ArrayList<>();
        Disposable a =
                hub.frames(news, Resume.none(), 16, () -> {}).map(Frame::bytes).subscribe(first::add);
        Disposable b =
                hub.frames(news, Resume.none(), 16, () -> {}).map(Frame::bytes).subscribe(second::add);
        publish("{\"n\":1}");
        publish("\"two\"");
        assertThat(first).hasSize(2);
        assertThat(second).hasSize(2);
        assertThat(first.get(0)).isSameAs(second.get(0));
        JsonNode frame = json.readTree(first.get(1));
        assertThat(frame.get("message").asString()).isEqualTo("two");
        assertThat(frame.get("offset").asLong()).isEqualTo(2);
        assertThat(frame.get("epoch").asString()).isNotEmpty();
        assertThat(new String(first.get(0), StandardCharsets.UTF_8)).startsWith("{\"message\":{\"n\":1},\"offset\":1,");
        a.dispose();
        b.dispose();
    }

    @Test
    void firstConnectionSubscribesTheBrokerAndTheLastReleasesItAfterTheGracePeriod() {
        Disposable a =
                hub.frames(news, Resume.none(), 16, () -> {}).map(Frame::bytes).subscribe();
        Disposable b =
                hub.frames(news, Resume.none(), 16, () -> {}).map(Frame::bytes).subscribe();
        assertThat(broker.subscribes).hasValue(1);
        a.dispose();
        b.dispose();
        time.advanceTimeBy(Duration.ofSeconds(4));
        assertThat(broker.unsubscribes).hasValue(0);
        time.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(broker.unsubscribes).hasValue(1);
        assertThat(hub.channelCount()).isZero();
    }

    @Test
    void reconnectWithinTheGracePeriodCausesNoBrokerChurn() {
        hub.frames(news, Resume.none(), 16, () -> {})
                .map(Frame::bytes)
                .subscribe()
                .dispose();
        time.advanceTimeBy(Duration.ofSeconds(3));
        Disposable again =
                hub.frames(news, Resume.none(), 16, () -> {}).map(Frame::bytes).subscribe();
        time.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(broker.subscribes).hasValue(1);
        assertThat(broker.unsubscribes).hasValue(0);
        again.dispose();
    }

    @Test
    void connectionAfterAReleaseSubscribesAgain() {
        hub.frames(news, Resume.none(), 16, () -> {})
                .map(Frame::bytes)
                .subscribe()
                .dispose();
        time.advanceTimeBy(Duration.ofSeconds(5));
        List<byte[]> frames = new ArrayList<>();
        Disposable again =
                hub.frames(news, Resume.none(), 16, () -> {}).map(Frame::bytes).subscribe(frames::add);
        publish("1");
        assertThat(broker.subscribes).hasValue(2);
        assertThat(frames).hasSize(1);
        again.dispose();
    }

    @Test
    void failedBrokerSubscriptionFailsTheConnectionAndTheNextConnectionTriesAgain() {
        broker.failSubscribe = true;
        StepVerifier.create(hub.frames(news, Resume.none(), 16, () -> {}))
                .expectError(BrokerUnavailableException.class)
                .verify(BOUND);
        broker.failSubscribe = false;
        List<byte[]> frames = new ArrayList<>();
        Disposable again =
                hub.frames(news, Resume.none(), 16, () -> {}).map(Frame::bytes).subscribe(frames::add);
        publish("1");
        assertThat(frames).hasSize(1);
        again.dispose();
    }

    @Test
    void fullBufferRunsTheOverflowCallbackOnceAndLeavesOtherConnectionsUntouched() {
        AtomicInteger overflows = new AtomicInteger();
        List<byte[]> healthy = new ArrayList<>();
        Disposable other =
                hub.frames(news, Resume.none(), 4, () -> {}).map(Frame::bytes).subscribe(healthy::add);
        StepVerifier.create(
                        hub.frames(news, Resume.none(), 4, overflows::incrementAndGet)
                                .map(Frame::bytes),
                        0)
                .then(() -> {
                    for (int i = 0; i < 10; i++) {
                        publish(String.valueOf(i));
                    }
                })
                .then(() -> assertThat(overflows).hasValue(1))
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(4)
                .expectError(SendBufferOverflowException.class)
                .verify(BOUND);
        assertThat(healthy).hasSize(10);
        other.dispose();
    }

    @Test
    void resumeFromAPositionSendsThePositionFrameTheMissedPublicationsThenLiveOnes() {
        StreamPosition since = publish("0");
        publish("1");
        publish("2");
        List<JsonNode> frames = new ArrayList<>();
        Disposable connection = hub.frames(news, Resume.from(since), 16, () -> {})
                .map(Frame::bytes)
                .map(json::readTree)
                .subscribe(frames::add);
        publish("3");
        assertThat(frames.get(0).get("recovered").asBoolean()).isTrue();
        assertThat(frames.get(0).get("offset").asLong()).isEqualTo(3);
        assertThat(frames.subList(1, frames.size()))
                .extracting(frame -> frame.get("message").asInt())
                .containsExactly(1, 2, 3);
        connection.dispose();
    }

    @Test
    void resumeFromAnotherEpochSaysNotRecoveredThenSendsLiveOnes() {
        publish("0");
        List<JsonNode> frames = new ArrayList<>();
        Disposable connection = hub.frames(news, Resume.from(new StreamPosition(0, "gone")), 16, () -> {})
                .map(Frame::bytes)
                .map(json::readTree)
                .subscribe(frames::add);
        publish("1");
        assertThat(frames.get(0).get("recovered").asBoolean()).isFalse();
        assertThat(frames.get(0).get("offset").asLong()).isEqualTo(1);
        assertThat(frames).hasSize(2);
        assertThat(frames.get(1).get("message").asInt()).isEqualTo(1);
        connection.dispose();
    }

    @Test
    void latestSendsOnlyThePositionThenLiveOnes() {
        publish("0");
        List<JsonNode> frames = new ArrayList<>();
        Disposable connection = hub.frames(news, Resume.latest(), 16, () -> {})
                .map(Frame::bytes)
                .map(json::readTree)
                .subscribe(frames::add);
        publish("1");
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).get("offset").asLong()).isEqualTo(1);
        assertThat(frames.get(1).get("offset").asLong()).isEqualTo(2);
        connection.dispose();
    }

    @Test
    void publicationsMadeWhileHistoryIsReadAreNeitherLostNorRepeated() {
        StreamPosition since = publish("0");
        // Publishes race the read on both sides: some land before the history snapshot (so they are
        // both in history and in the live buffer), some after it (only in the live buffer).
        broker.aroundHistory = read -> Mono.fromRunnable(() -> {
                    publish("1");
                    publish("2");
                })
                .then(read)
                .flatMap(history -> Mono.fromRunnable(() -> {
                            publish("3");
                            publish("4");
                        })
                        .thenReturn(history));
        List<JsonNode> frames = new ArrayList<>();
        Disposable connection = hub.frames(news, Resume.from(since), 16, () -> {})
                .map(Frame::bytes)
                .map(json::readTree)
                .subscribe(frames::add);
        publish("5");
        assertThat(frames.get(0).get("recovered").asBoolean()).isTrue();
        assertThat(frames.subList(1, frames.size()))
                .extracting(frame -> frame.get("offset").asLong())
                .containsExactly(2L, 3L, 4L, 5L, 6L);
        connection.dispose();
    }

    @Test
    void resumesUnderConcurrentPublishingSeeContiguousOffsets() {
        MemoryBroker large = new MemoryBroker(new HistoryProperties(5000, Duration.ofMinutes(5)), Clock.systemUTC());
        ChannelHub realTimeHub = new ChannelHub(large, Duration.ofSeconds(5), Schedulers.parallel());
        StreamPosition since = large.publish(news, bytes("0")).block(BOUND);
        Disposable publisher = Flux.range(1, 3000)
                .concatMap(n -> large.publish(news, bytes(String.valueOf(n))))
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe();
        List<List<JsonNode>> framesPerConnection = Flux.range(0, 20)
                .flatMap(i -> realTimeHub
                        .frames(news, Resume.from(since), 4096, () -> {})
                        .map(frame -> json.readTree(frame.bytes()))
                        .take(301)
                        .collectList()
                        .subscribeOn(Schedulers.parallel()))
                .collectList()
                .block(BOUND);
        publisher.dispose();
        for (List<JsonNode> frames : framesPerConnection) {
            JsonNode position = frames.get(0);
            long offset = position.get("recovered").asBoolean()
                    ? since.offset()
                    : position.get("offset").asLong();
            for (JsonNode frame : frames.subList(1, frames.size())) {
                assertThat(frame.get("offset").asLong()).isEqualTo(++offset);
            }
        }
    }

    private StreamPosition publish(String json) {
        return broker.publish(news, bytes(json)).block(BOUND);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Counts subscriptions, and lets a test act around a history read. */
    static final class RecordingBroker implements Broker {

        final Broker delegate;

        final AtomicInteger subscribes = new AtomicInteger();

        final AtomicInteger unsubscribes = new AtomicInteger();

        volatile Function<Mono<History>, Mono<History>> aroundHistory = Function.identity();

        volatile boolean failSubscribe;

        RecordingBroker(Broker delegate) {
            this.delegate = delegate;
        }

        @Override
        public Mono<StreamPosition> publish(ChannelKey channel, byte[] message) {
            return delegate.publish(channel, message);
        }

        @Override
        public Mono<Void> subscribe(ChannelKey channel, PublicationHandler handler) {
            if (failSubscribe) {
                return Mono.error(new BrokerUnavailableException("broker down"));
            }
            return delegate.subscribe(channel, handler).doOnSuccess(done -> subscribes.incrementAndGet());
        }

        @Override
        public Mono<Void> unsubscribe(ChannelKey channel) {
            return delegate.unsubscribe(channel).doOnSuccess(done -> unsubscribes.incrementAndGet());
        }

        @Override
        public Mono<History> history(ChannelKey channel, StreamPosition since) {
            return aroundHistory.apply(delegate.history(channel, since));
        }

        @Override
        public Mono<StreamPosition> position(ChannelKey channel) {
            return delegate.position(channel);
        }
    }
}
