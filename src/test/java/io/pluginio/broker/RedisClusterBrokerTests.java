package io.pluginio.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * The broker on a three-master Redis Cluster of its own (child processes): each channel's keys and
 * pub/sub channel share one slot, and both classic and sharded pub/sub deliver, whichever node
 * owns the channel.
 */
@RedisIntegrationTest
@EnabledIf(
        value = "io.pluginio.broker.RedisClusterProcesses#isInstalled",
        disabledReason = "redis-server or redis-cli is not installed")
class RedisClusterBrokerTests {

    private static final Duration BOUND = Duration.ofSeconds(20);

    private static RedisClusterProcesses cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = RedisClusterProcesses.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest(name = "sharded pub/sub: {0}")
    @ValueSource(booleans = {false, true})
    void channelsOnEveryNodeDeliverInOrderAndKeepTheirHistory(boolean sharded) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisClusterConfiguration(cluster.nodes()),
                LettuceClientConfiguration.builder().build());
        factory.afterPropertiesSet();
        factory.start();
        // a generous timeout: the first cluster connection discovers the topology on a busy machine
        RedisBroker broker = RedisBrokerConfiguration.createBroker(
                factory,
                new RedisBrokerProperties(Duration.ofSeconds(10), sharded, Duration.ofHours(1)),
                new HistoryProperties(100, Duration.ofMinutes(1)),
                new RedisOutageLog());
        try {
            // enough channels that every one of the three nodes owns some (hash tags spread them)
            for (int i = 0; i < 12; i++) {
                ChannelKey channel = new ChannelKey("cluster_tests", RedisTestSupport.uniqueChannel("c" + i));
                Sinks.Many<Publication> received = Sinks.many().unicast().onBackpressureBuffer();
                broker.subscribe(channel, received::tryEmitNext).block(BOUND);

                StreamPosition first = broker.publish(channel, bytes("1")).block(BOUND);
                broker.publish(channel, bytes("2")).block(BOUND);

                StepVerifier.create(received.asFlux().take(2))
                        .recordWith(ArrayList::new)
                        .expectNextCount(2)
                        .consumeRecordedWith(publications -> assertThat(publications)
                                .extracting(Publication::offset)
                                .containsExactly(1L, 2L))
                        .verifyComplete();
                StepVerifier.create(broker.history(channel, first))
                        .assertNext(history -> {
                            assertThat(history.recovered()).isTrue();
                            assertThat(history.publications())
                                    .extracting(p -> new String(p.message(), StandardCharsets.UTF_8))
                                    .isEqualTo(List.of("2"));
                        })
                        .verifyComplete();
                broker.unsubscribe(channel).block(BOUND);
            }
        } finally {
            broker.close();
            factory.destroy();
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
