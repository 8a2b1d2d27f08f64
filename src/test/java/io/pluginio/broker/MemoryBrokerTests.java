package io.pluginio.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class MemoryBrokerTests {

    static final Duration BOUND = Duration.ofSeconds(10);

    final ChannelKey news = new ChannelKey("plugin", "news");

    final MutableClock clock = new MutableClock();

    final MemoryBroker broker = new MemoryBroker(new HistoryProperties(3, Duration.ofMinutes(1)), clock);

    @Test
    void publishAssignsConsecutiveOffsetsInOneEpoch() {
        StreamPosition first = broker.publish(news, bytes("1")).block(BOUND);
        StreamPosition second = broker.publish(news, bytes("2")).block(BOUND);
        assertThat(first.offset()).isEqualTo(1);
        assertThat(second.offset()).isEqualTo(2);
        assertThat(second.epoch()).isEqualTo(first.epoch());
    }

    @Test
    void publishDoesNothingUntilSubscribed() {
        broker.publish(news, bytes("1"));
        StepVerifier.create(broker.position(news))
                .assertNext(position -> assertThat(position.offset()).isZero())
                .verifyComplete();
    }

    @Test
    void channelsOfDifferentPluginsAreIndependent() {
        broker.publish(news, bytes("1")).block(BOUND);
        StepVerifier.create(broker.position(new ChannelKey("other", "news")))
                .assertNext(position -> assertThat(position.offset()).isZero())
                .verifyComplete();
    }

    @Test
    void subscribedHandlerReceivesEveryPublicationInOffsetOrder() {
        List<Publication> received = new CopyOnWriteArrayList<>();
        broker.subscribe(news, received::add).block(BOUND);
        for (int i = 1; i <= 5; i++) {
            broker.publish(news, bytes(String.valueOf(i))).block(BOUND);
        }
        assertThat(received).extracting(Publication::offset).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(new String(received.get(4).message(), StandardCharsets.UTF_8))
                .isEqualTo("5");
    }

    @Test
    void unsubscribeStopsDelivery() {
        List<Publication> received = new CopyOnWriteArrayList<>();
        broker.subscribe(news, received::add).block(BOUND);
        broker.publish(news, bytes("1")).block(BOUND);
        broker.unsubscribe(news).block(BOUND);
        broker.publish(news, bytes("2")).block(BOUND);
        assertThat(received).hasSize(1);
    }

    @Test
    void historyAfterAPositionHoldsExactlyTheLaterPublications() {
        StreamPosition since = broker.publish(news, bytes("1")).block(BOUND);
        broker.publish(news, bytes("2")).block(BOUND);
        broker.publish(news, bytes("3")).block(BOUND);
        StepVerifier.create(broker.history(news, since))
                .assertNext(history -> {
                    assertThat(history.recovered()).isTrue();
                    assertThat(history.position().offset()).isEqualTo(3);
                    assertThat(history.publications())
                            .extracting(Publication::offset)
                            .containsExactly(2L, 3L);
                })
                .verifyComplete();
    }

    @Test
    void historyAtTheCurrentPositionIsRecoveredAndEmpty() {
        StreamPosition now = broker.publish(news, bytes("1")).block(BOUND);
        StepVerifier.create(broker.history(news, now))
                .assertNext(history -> {
                    assertThat(history.recovered()).isTrue();
                    assertThat(history.publications()).isEmpty();
                })
                .verifyComplete();
    }

    @Test
    void historyOfAnotherEpochIsNotRecovered() {
        broker.publish(news, bytes("1")).block(BOUND);
        StepVerifier.create(broker.history(news, new StreamPosition(0, "another")))
                .assertNext(history -> {
                    assertThat(history.recovered()).isFalse();
                    assertThat(history.publications()).isEmpty();
                    assertThat(history.position().offset()).isEqualTo(1);
                })
                .verifyComplete();
    }

    @Test
    void historyBeyondTheCurrentPositionIsNotRecovered() {
        StreamPosition now = broker.publish(news, bytes("1")).block(BOUND);
        StepVerifier.create(broker.history(news, new StreamPosition(5, now.epoch())))
                .assertNext(history -> assertThat(history.recovered()).isFalse())
                .verifyComplete();
    }

    @Test
    void historyTrimmedBySizeIsNotRecoveredBeforeItsStart() {
        StreamPosition first = broker.publish(news, bytes("1")).block(BOUND);
        StreamPosition second = broker.publish(news, bytes("2")).block(BOUND);
        for (int i = 3; i <= 5; i++) {
            broker.publish(news, bytes(String.valueOf(i))).block(BOUND);
        }
        // Size 3 keeps offsets 3 to 5: from 2 on is complete, from 1 on is not.
        assertThat(broker.history(news, first).block(BOUND).recovered()).isFalse();
        History fromSecond = broker.history(news, second).block(BOUND);
        assertThat(fromSecond.recovered()).isTrue();
        assertThat(fromSecond.publications()).extracting(Publication::offset).containsExactly(3L, 4L, 5L);
    }

    @Test
    void historyExpiredByAgeIsNotRecovered() {
        StreamPosition since = broker.publish(news, bytes("1")).block(BOUND);
        broker.publish(news, bytes("2")).block(BOUND);
        clock.advance(Duration.ofMinutes(2));
        StepVerifier.create(broker.history(news, since))
                .assertNext(history -> assertThat(history.recovered()).isFalse())
                .verifyComplete();
    }

    @Test
    void evictIdleForgetsAnUnsubscribedChannelWithExpiredHistoryAndItsNextUseHasANewEpoch() {
        StreamPosition before = broker.publish(news, bytes("1")).block(BOUND);
        broker.evictIdle();
        assertThat(broker.channelCount()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(2));
        broker.evictIdle();
        assertThat(broker.channelCount()).isZero();
        StreamPosition after = broker.position(news).block(BOUND);
        assertThat(after.epoch()).isNotEqualTo(before.epoch());
        assertThat(after.offset()).isZero();
        assertThat(broker.history(news, before).block(BOUND).recovered()).isFalse();
    }

    @Test
    void evictIdleKeepsASubscribedChannel() {
        broker.subscribe(news, publication -> {}).block(BOUND);
        clock.advance(Duration.ofMinutes(2));
        broker.evictIdle();
        assertThat(broker.channelCount()).isEqualTo(1);
    }

    @Test
    void zeroHistorySizeKeepsNothingButResumingFromTheCurrentPositionIsRecovered() {
        MemoryBroker noHistory = new MemoryBroker(new HistoryProperties(0, Duration.ofMinutes(1)), clock);
        StreamPosition first = noHistory.publish(news, bytes("1")).block(BOUND);
        StreamPosition second = noHistory.publish(news, bytes("2")).block(BOUND);
        assertThat(noHistory.history(news, first).block(BOUND).recovered()).isFalse();
        assertThat(noHistory.history(news, second).block(BOUND).recovered()).isTrue();
    }

    @Test
    void concurrentPublishersReachTheHandlerOneAtATimeWithoutGaps() {
        AtomicBoolean inside = new AtomicBoolean();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicLong last = new AtomicLong();
        AtomicInteger gaps = new AtomicInteger();
        broker.subscribe(news, publication -> {
                    if (!inside.compareAndSet(false, true)) {
                        overlaps.incrementAndGet();
                    }
                    if (publication.offset() != last.get() + 1) {
                        gaps.incrementAndGet();
                    }
                    last.set(publication.offset());
                    inside.set(false);
                })
                .block(BOUND);
        Flux.range(0, 8)
                .parallel(8)
                .runOn(Schedulers.parallel())
                .flatMap(p -> Flux.range(0, 500).concatMap(n -> broker.publish(news, bytes(p + ":" + n))))
                .sequential()
                .blockLast(BOUND);
        assertThat(overlaps).hasValue(0);
        assertThat(gaps).hasValue(0);
        assertThat(last).hasValue(4000);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {

        private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

        void advance(Duration duration) {
            millis.addAndGet(duration.toMillis());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
