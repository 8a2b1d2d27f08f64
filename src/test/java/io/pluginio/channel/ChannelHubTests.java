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
import java.util.concurrent.CopyOnWriteArrayList;
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

    final List<String> deliveries = new CopyOnWriteArrayList<>();

    final ChannelHub hub = new ChannelHub(
            broker,
            Duration.ofSeconds(5),
            time,
            16,
            (channel, publishedAt, connections) -> deliveries.add(channel.channel() + ":" + connections));

    @Test
    void everyConnectionReceivesEveryPublicationAsTheSameFrameBytes() {
        RecordingSink first = new RecordingSink(16);
        RecordingSink second = new RecordingSink(16);
        Disposable a = hub.attach(news, Resume.none(), first).subscribe();
        Disposable b = hub.attach(news, Resume.none(), second).subscribe();
        publish("{\"n\":1}");
        publish("\"two\"");
        assertThat(first.frames).hasSize(2);
        assertThat(second.frames).hasSize(2);
        assertThat(first.frames.get(0).bytes()).isSameAs(second.frames.get(0).bytes());
        JsonNode frame = json.readTree(first.frames.get(1).bytes());
        assertThat(frame.get("message").asString()).isEqualTo("two");
        assertThat(frame.get("offset").asLong()).isEqualTo(2);
        assertThat(frame.get("epoch").asString()).isNotEmpty();
        assertThat(new String(first.frames.get(0).bytes(), StandardCharsets.UTF_8))
                .startsWith("{\"message\":{\"n\":1},\"offset\":1,");
        assertThat(deliveries).containsExactly("news:2", "news:2");
        a.dispose();
        b.dispose();
    }

    @Test
    void aDisconnectedSinkGetsNothingMore() {
        RecordingSink sink = new RecordingSink(16);
        Disposable connection = hub.attach(news, Resume.none(), sink).subscribe();
        publish("1");
        connection.dispose();
        publish("2");
        assertThat(sink.frames).hasSize(1);
        assertThat(deliveries).containsExactly("news:1");
    }

    @Test
    void firstConnectionSubscribesTheBrokerAndTheLastReleasesItAfterTheGracePeriod() {
        Disposable a = hub.attach(news, Resume.none(), new RecordingSink(16)).subscribe();
        Disposable b = hub.attach(news, Resume.none(), new RecordingSink(16)).subscribe();
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
        hub.attach(news, Resume.none(), new RecordingSink(16)).subscribe().dispose();
        time.advanceTimeBy(Duration.ofSeconds(3));
        Disposable again =
                hub.attach(news, Resume.none(), new RecordingSink(16)).subscribe();
        time.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(broker.subscribes).hasValue(1);
        assertThat(broker.unsubscribes).hasValue(0);
        again.dispose();
    }

    @Test
    void connectionAfterAReleaseSubscribesAgain() {
        hub.attach(news, Resume.none(), new RecordingSink(16)).subscribe().dispose();
        time.advanceTimeBy(Duration.ofSeconds(5));
        RecordingSink sink = new RecordingSink(16);
        Disposable again = hub.attach(news, Resume.none(), sink).subscribe();
        publish("1");
        assertThat(broker.subscribes).hasValue(2);
        assertThat(sink.frames).hasSize(1);
        again.dispose();
    }

    @Test
    void failedBrokerSubscriptionFailsTheConnectionAndTheNextConnectionTriesAgain() {
        broker.failSubscribe = true;
        StepVerifier.create(hub.attach(news, Resume.none(), new RecordingSink(16)))
                .expectError(BrokerUnavailableException.class)
                .verify(BOUND);
        broker.failSubscribe = false;
        RecordingSink sink = new RecordingSink(16);
        Disposable again = hub.attach(news, Resume.none(), sink).subscribe();
        publish("1");
        assertThat(sink.frames).hasSize(1);
        again.dispose();
    }

    @Test
    void aSinkThatRefusesAFrameIsOfferedNoMoreAndTheOthersGoOn() {
        RecordingSink healthy = new RecordingSink(16);
        RecordingSink full = new RecordingSink(4);
        Disposable other = hub.attach(news, Resume.none(), healthy).subscribe();
        Disposable connection = hub.attach(news, Resume.none(), full).subscribe();
        for (int i = 0; i < 10; i++) {
            publish(String.valueOf(i));
        }
        assertThat(full.frames).hasSize(4);
        assertThat(full.refused).hasValue(1);
        assertThat(healthy.frames).hasSize(10);
        assertThat(deliveries.subList(3, 6)).containsExactly("news:2", "news:1", "news:1");
        other.dispose();
        connection.dispose();
    }

    @Test
    void resumeFromAPositionSendsThePositionFrameTheMissedPublicationsThenLiveOnes() {
        StreamPosition since = publish("0");
        publish("1");
        publish("2");
        RecordingSink sink = new RecordingSink(16);
        Disposable connection = hub.attach(news, Resume.from(since), sink).subscribe();
        publish("3");
        List<JsonNode> frames = sink.json();
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
        RecordingSink sink = new RecordingSink(16);
        Disposable connection = hub.attach(news, Resume.from(new StreamPosition(0, "gone")), sink)
                .subscribe();
        publish("1");
        List<JsonNode> frames = sink.json();
        assertThat(frames.get(0).get("recovered").asBoolean()).isFalse();
        assertThat(frames.get(0).get("offset").asLong()).isEqualTo(1);
        assertThat(frames).hasSize(2);
        assertThat(frames.get(1).get("message").asInt()).isEqualTo(1);
        connection.dispose();
    }

    @Test
    void latestSendsOnlyThePositionThenLiveOnes() {
        publish("0");
        RecordingSink sink = new RecordingSink(16);
        Disposable connection = hub.attach(news, Resume.latest(), sink).subscribe();
        publish("1");
        List<JsonNode> frames = sink.json();
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).get("offset").asLong()).isEqualTo(1);
        assertThat(frames.get(1).get("offset").asLong()).isEqualTo(2);
        connection.dispose();
    }

    @Test
    void publicationsMadeWhileHistoryIsReadAreNeitherLostNorRepeated() {
        StreamPosition since = publish("0");
        // Publishes race the read on both sides: some land before the history snapshot (so they are
        // both in history and waiting at the gate), some after it (only waiting at the gate).
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
        RecordingSink sink = new RecordingSink(16);
        Disposable connection = hub.attach(news, Resume.from(since), sink).subscribe();
        publish("5");
        List<JsonNode> frames = sink.json();
        assertThat(frames.get(0).get("recovered").asBoolean()).isTrue();
        assertThat(frames.subList(1, frames.size()))
                .extracting(frame -> frame.get("offset").asLong())
                .containsExactly(2L, 3L, 4L, 5L, 6L);
        connection.dispose();
    }

    @Test
    void tooManyPublicationsWhileHistoryIsReadFailTheResumingConnection() {
        ChannelHub small = new ChannelHub(broker, Duration.ofSeconds(5), time, 2, DeliveryListener.NONE);
        StreamPosition since = publish("0");
        broker.aroundHistory = read -> Mono.fromRunnable(() -> {
                    publish("1");
                    publish("2");
                    publish("3");
                })
                .then(read);
        RecordingSink sink = new RecordingSink(16);
        StepVerifier.create(small.attach(news, Resume.from(since), sink))
                .expectError(SendBufferOverflowException.class)
                .verify(BOUND);
        assertThat(sink.frames).isEmpty();
    }

    @Test
    void resumesUnderConcurrentPublishingSeeContiguousOffsets() {
        MemoryBroker large = new MemoryBroker(new HistoryProperties(5000, Duration.ofMinutes(5)), Clock.systemUTC());
        ChannelHub realTimeHub =
                new ChannelHub(large, Duration.ofSeconds(5), Schedulers.parallel(), 4096, DeliveryListener.NONE);
        StreamPosition since = large.publish(news, bytes("0")).block(BOUND);
        Disposable publisher = Flux.range(1, 3000)
                .concatMap(n -> large.publish(news, bytes(String.valueOf(n))))
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe();
        List<RecordingSink> sinks = new ArrayList<>();
        List<Disposable> connections = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RecordingSink sink = new RecordingSink(4096);
            sinks.add(sink);
            connections.add(realTimeHub
                    .attach(news, Resume.from(since), sink)
                    .subscribeOn(Schedulers.parallel())
                    .subscribe());
        }
        long deadline = System.nanoTime() + BOUND.toNanos();
        for (RecordingSink sink : sinks) {
            while (sink.frames.size() < 301) {
                assertThat(System.nanoTime()).as("frames still missing").isLessThan(deadline);
                Thread.onSpinWait();
            }
        }
        publisher.dispose();
        connections.forEach(Disposable::dispose);
        for (RecordingSink sink : sinks) {
            List<JsonNode> frames = sink.json().subList(0, 301);
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

    /** A connection that takes up to {@code capacity} frames, then refuses. */
    final class RecordingSink implements FrameSink {

        final List<Frame> frames = new CopyOnWriteArrayList<>();

        final AtomicInteger refused = new AtomicInteger();

        private final int capacity;

        RecordingSink(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public boolean offer(Frame frame) {
            if (frames.size() == capacity) {
                refused.incrementAndGet();
                return false;
            }
            frames.add(frame);
            return true;
        }

        List<JsonNode> json() {
            return frames.stream().map(frame -> json.readTree(frame.bytes())).toList();
        }
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
