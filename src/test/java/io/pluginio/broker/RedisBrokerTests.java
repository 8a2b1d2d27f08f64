package io.pluginio.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

@RedisIntegrationTest
class RedisBrokerTests {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final List<AutoCloseable> resources = new ArrayList<>();

    private ChannelKey channel;

    @BeforeEach
    void uniqueChannel() {
        this.channel = new ChannelKey("broker_tests", RedisTestSupport.uniqueChannel("c"));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : this.resources) {
            resource.close();
        }
    }

    @Test
    void publishAssignsConsecutiveOffsetsInOneEpoch() {
        RedisBroker broker = broker(10, Duration.ofMinutes(1), false);

        StreamPosition first = broker.publish(this.channel, json("1")).block(BOUND);
        StreamPosition second = broker.publish(this.channel, json("2")).block(BOUND);

        assertThat(first.offset()).isEqualTo(1);
        assertThat(second.offset()).isEqualTo(2);
        assertThat(second.epoch()).isEqualTo(first.epoch()).isNotBlank();
        StepVerifier.create(broker.position(this.channel)).expectNext(second).verifyComplete();
    }

    @Test
    void positionOfANewChannelIsZeroAndItsEpochHoldsForTheFirstPublish() {
        RedisBroker broker = broker(10, Duration.ofMinutes(1), false);

        StreamPosition before = broker.position(this.channel).block(BOUND);
        StreamPosition published = broker.publish(this.channel, json("1")).block(BOUND);

        assertThat(before.offset()).isZero();
        assertThat(published).isEqualTo(new StreamPosition(1, before.epoch()));
        StepVerifier.create(broker.history(this.channel, before))
                .assertNext(history -> {
                    assertThat(history.recovered()).isTrue();
                    assertThat(history.publications())
                            .extracting(Publication::offset)
                            .containsExactly(1L);
                })
                .verifyComplete();
    }

    @Test
    void subscriberReceivesPublicationsInOrderWithTheirPositions() {
        RedisBroker broker = broker(10, Duration.ofMinutes(1), false);
        Sinks.Many<Publication> received = Sinks.many().unicast().onBackpressureBuffer();
        broker.subscribe(this.channel, received::tryEmitNext).block(BOUND);

        Flux.range(1, 5)
                .concatMap(i -> broker.publish(this.channel, json(i.toString())))
                .blockLast(BOUND);

        StepVerifier.create(received.asFlux().take(5))
                .recordWith(ArrayList::new)
                .expectNextCount(5)
                .consumeRecordedWith(publications -> {
                    assertThat(publications).extracting(Publication::offset).containsExactly(1L, 2L, 3L, 4L, 5L);
                    assertThat(publications)
                            .extracting(p -> new String(p.message(), StandardCharsets.UTF_8))
                            .containsExactly("1", "2", "3", "4", "5");
                    assertThat(publications).extracting(Publication::channel).containsOnly(this.channel);
                    assertThat(publications)
                            .allSatisfy(p -> assertThat(p.publishedAt()).isPositive());
                })
                .verifyComplete();
    }

    @Test
    void shardedPubsubDeliversLikeClassic() {
        RedisBroker broker = broker(10, Duration.ofMinutes(1), true);
        Sinks.Many<Publication> received = Sinks.many().unicast().onBackpressureBuffer();
        broker.subscribe(this.channel, received::tryEmitNext).block(BOUND);

        broker.publish(this.channel, json("\"sharded\"")).block(BOUND);

        StepVerifier.create(received.asFlux().next())
                .assertNext(p -> assertThat(new String(p.message(), StandardCharsets.UTF_8))
                        .isEqualTo("\"sharded\""))
                .verifyComplete();
    }

    @Test
    void unsubscribedChannelAndOtherChannelsReceiveNothing() {
        RedisBroker broker = broker(10, Duration.ofMinutes(1), false);
        ChannelKey other = new ChannelKey("other_plugin", this.channel.channel());
        Sinks.Many<Publication> received = Sinks.many().unicast().onBackpressureBuffer();
        broker.subscribe(this.channel, received::tryEmitNext).block(BOUND);
        broker.subscribe(other, received::tryEmitNext).block(BOUND);
        broker.unsubscribe(other).block(BOUND);

        broker.publish(other, json("\"not for you\"")).block(BOUND);
        broker.publish(this.channel, json("\"marker\"")).block(BOUND);

        // the marker arrives after anything published before it on the same connection
        StepVerifier.create(received.asFlux().next())
                .assertNext(p -> assertThat(p.channel()).isEqualTo(this.channel))
                .verifyComplete();
    }

    @Test
    void historyReturnsWhatWasMissedAfterAPosition() {
        RedisBroker broker = broker(10, Duration.ofMinutes(1), false);
        StreamPosition seen = broker.publish(this.channel, json("1")).block(BOUND);
        broker.publish(this.channel, json("2")).block(BOUND);
        StreamPosition last = broker.publish(this.channel, json("3")).block(BOUND);

        StepVerifier.create(broker.history(this.channel, seen))
                .assertNext(history -> {
                    assertThat(history.recovered()).isTrue();
                    assertThat(history.position()).isEqualTo(last);
                    assertThat(history.publications())
                            .extracting(Publication::offset)
                            .containsExactly(2L, 3L);
                    assertThat(history.publications())
                            .extracting(p -> new String(p.message(), StandardCharsets.UTF_8))
                            .containsExactly("2", "3");
                    assertThat(history.publications())
                            .extracting(Publication::epoch)
                            .containsOnly(last.epoch());
                })
                .verifyComplete();
        StepVerifier.create(broker.history(this.channel, last))
                .assertNext(history -> {
                    assertThat(history.recovered()).isTrue();
                    assertThat(history.publications()).isEmpty();
                })
                .verifyComplete();
    }

    @Test
    void historyTrimmedByCountIsNotRecoveredPastItsStart() {
        RedisBroker broker = broker(3, Duration.ofMinutes(1), false);
        StreamPosition first = broker.publish(this.channel, json("1")).block(BOUND);
        for (int i = 2; i <= 5; i++) {
            broker.publish(this.channel, json(Integer.toString(i))).block(BOUND);
        }

        StepVerifier.create(broker.history(this.channel, first))
                .assertNext(history -> {
                    assertThat(history.recovered()).isFalse();
                    assertThat(history.publications()).isEmpty();
                    assertThat(history.position().offset()).isEqualTo(5);
                })
                .verifyComplete();
        StepVerifier.create(broker.history(this.channel, new StreamPosition(2, first.epoch())))
                .assertNext(history -> {
                    assertThat(history.recovered()).isTrue();
                    assertThat(history.publications())
                            .extracting(Publication::offset)
                            .containsExactly(3L, 4L, 5L);
                })
                .verifyComplete();
    }

    @Test
    void historyOlderThanItsTtlIsNotRecovered() {
        RedisBroker broker = broker(10, Duration.ofMillis(200), false);
        StreamPosition before = broker.position(this.channel).block(BOUND);
        broker.publish(this.channel, json("1")).block(BOUND);

        // wait until Redis itself says the entry has expired: no sleeping for a guessed duration
        Mono.fromCallable(() -> redis().hasKey("plugin-io:{" + this.channel + "}:history"))
                .filter(exists -> !exists)
                .repeatWhenEmpty(attempts -> attempts.delayElements(Duration.ofMillis(50)))
                .block(BOUND);

        StepVerifier.create(broker.history(this.channel, before))
                .assertNext(history -> {
                    assertThat(history.recovered()).isFalse();
                    assertThat(history.position()).isEqualTo(new StreamPosition(1, before.epoch()));
                })
                .verifyComplete();
    }

    @Test
    void deletedChannelKeysStartANewEpochAndOldPositionsAreNotRecovered() {
        RedisBroker broker = broker(10, Duration.ofMinutes(1), false);
        StreamPosition old = broker.publish(this.channel, json("1")).block(BOUND);

        // what FLUSHALL or a Redis restart without persistence does to this channel
        redis().delete(List.of("plugin-io:{" + this.channel + "}:meta", "plugin-io:{" + this.channel + "}:history"));
        StreamPosition fresh = broker.publish(this.channel, json("2")).block(BOUND);

        assertThat(fresh.epoch()).isNotEqualTo(old.epoch());
        assertThat(fresh.offset()).isEqualTo(1);
        StepVerifier.create(broker.history(this.channel, old))
                .assertNext(history -> {
                    assertThat(history.recovered()).isFalse();
                    assertThat(history.position()).isEqualTo(fresh);
                    assertThat(history.publications()).isEmpty();
                })
                .verifyComplete();
    }

    @Test
    void positionBeyondTheChannelIsNotRecovered() {
        RedisBroker broker = broker(10, Duration.ofMinutes(1), false);
        StreamPosition position = broker.publish(this.channel, json("1")).block(BOUND);

        StepVerifier.create(broker.history(this.channel, new StreamPosition(7, position.epoch())))
                .assertNext(history -> assertThat(history.recovered()).isFalse())
                .verifyComplete();
    }

    @Test
    void concurrentPublishersLoseNothingDuplicateNothingAndKeepEachPublishersOrder() {
        RedisBroker subscriberBroker = broker(1000, Duration.ofMinutes(1), false);
        RedisBroker publisherBroker = broker(1000, Duration.ofMinutes(1), false);
        int publishers = 8;
        int each = 50;
        Sinks.Many<Publication> received = Sinks.many().unicast().onBackpressureBuffer();
        subscriberBroker.subscribe(this.channel, received::tryEmitNext).block(BOUND);

        Flux.range(0, publishers)
                .flatMap(publisher -> Flux.range(0, each)
                        .concatMap(i -> publisherBroker.publish(this.channel, json(publisher + "." + i)))
                        .subscribeOn(Schedulers.parallel()))
                .blockLast(Duration.ofSeconds(30));

        StepVerifier.create(received.asFlux().take(publishers * each))
                .recordWith(ArrayList::new)
                .expectNextCount(publishers * each)
                .consumeRecordedWith(publications -> {
                    assertThat(publications)
                            .extracting(Publication::offset)
                            .containsExactlyElementsOf(IntStream.rangeClosed(1, publishers * each)
                                    .mapToObj(Long::valueOf)
                                    .toList());
                    Map<String, List<Integer>> byPublisher = new ConcurrentHashMap<>();
                    publications.forEach(p -> {
                        String[] parts = new String(p.message(), StandardCharsets.UTF_8).split("\\.");
                        byPublisher
                                .computeIfAbsent(parts[0], k -> new ArrayList<>())
                                .add(Integer.parseInt(parts[1]));
                    });
                    assertThat(byPublisher).hasSize(publishers);
                    List<Integer> expected = IntStream.range(0, each).boxed().toList();
                    byPublisher
                            .values()
                            .forEach(sequence -> assertThat(sequence).isEqualTo(expected));
                })
                .thenCancel()
                .verify(Duration.ofSeconds(30));
    }

    private RedisBroker broker(int historySize, Duration historyTtl, boolean sharded) {
        LettuceConnectionFactory factory = RedisTestSupport.connectionFactory(RedisTestSupport.requiredUrl());
        this.resources.add(factory::destroy);
        RedisBroker broker = RedisBrokerConfiguration.createBroker(
                factory,
                new RedisBrokerProperties(Duration.ofSeconds(2), sharded, Duration.ofHours(1)),
                new HistoryProperties(historySize, historyTtl),
                new RedisOutageLog());
        this.resources.add(0, broker);
        return broker;
    }

    private StringRedisTemplate redis() {
        LettuceConnectionFactory factory = RedisTestSupport.connectionFactory(RedisTestSupport.requiredUrl());
        this.resources.add(factory::destroy);
        StringRedisTemplate template = new StringRedisTemplate(factory);
        template.afterPropertiesSet();
        return template;
    }

    private static byte[] json(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
