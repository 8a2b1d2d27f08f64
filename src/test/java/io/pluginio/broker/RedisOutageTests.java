package io.pluginio.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.pluginio.plugin.Broadcaster;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/**
 * Redis goes away and comes back under a running replica: the replica stays up, reports not ready,
 * fails broadcasts fast, logs the outage once, and delivers again once Redis is back. Uses its own
 * {@code redis-server} child process, never the shared Redis.
 */
@RedisIntegrationTest
@EnabledIf(
        value = "io.pluginio.broker.RedisServerProcess#isInstalled",
        disabledReason = "redis-server is not installed")
@ExtendWith(OutputCaptureExtension.class)
class RedisOutageTests {

    private static final Duration BOUND = FrameClient.BOUND;

    private RedisServerProcess redis;

    private ConfigurableApplicationContext replica;

    @AfterEach
    void stop() throws Exception {
        if (this.replica != null) {
            this.replica.close();
        }
        if (this.redis != null) {
            this.redis.close();
        }
    }

    @Test
    void replicaSurvivesRedisRestartReportsNotReadyFailsFastAndDeliversAgain(CapturedOutput output) throws Exception {
        this.redis = RedisServerProcess.startOnFreePort();
        this.replica = Replicas.start(this.redis.url(), "plugin-io.redis.publish-timeout=1s");
        Broadcaster broadcaster = this.replica.getBean(Broadcaster.class);
        String channel = RedisTestSupport.uniqueChannel("outage");

        try (FrameClient client = Replicas.connect(this.replica, "replica_tests", channel, "?since=latest")) {
            String epochBefore = client.next().get("epoch").asString();
            broadcaster.broadcast("replica_tests", channel, "before").block(BOUND);
            assertThat(client.next().get("message").asString()).isEqualTo("before");
            assertThat(readiness()).isEqualTo(200);

            this.redis.kill();

            awaitReadiness(503);
            for (int i = 0; i < 3; i++) {
                StepVerifier.create(broadcaster.broadcast("replica_tests", channel, "lost"))
                        .expectError(BrokerUnavailableException.class)
                        .verify(Duration.ofSeconds(5));
            }
            assertThat(liveness()).isEqualTo(200);

            this.redis.start();

            awaitReadiness(200);
            // the subscription comes back with the connection: publish until the client hears one
            JsonNode frame = null;
            for (int attempt = 0; attempt < 50 && frame == null; attempt++) {
                broadcaster.broadcast("replica_tests", channel, "after").block(BOUND);
                frame = client.poll();
                if (frame == null) {
                    Thread.sleep(100);
                    frame = client.poll();
                }
            }
            assertThat(frame).as("a broadcast after Redis came back").isNotNull();
            assertThat(frame.get("message").asString()).isEqualTo("after");
            // Redis lost its data (no persistence): the channel's history starts over in a new epoch
            assertThat(frame.get("epoch").asString()).isNotEqualTo(epochBefore);
        }
        String log = output.getOut();
        assertThat(count(log, "Redis is unavailable")).isEqualTo(1);
        assertThat(count(log, "Redis is available again")).isEqualTo(1);
    }

    private int readiness() {
        return status("/actuator/health/readiness");
    }

    private int liveness() {
        return status("/actuator/health/liveness");
    }

    private void awaitReadiness(int expected) {
        Mono.defer(() -> statusOf("/actuator/health/readiness"))
                .filter(status -> status == expected)
                .repeatWhenEmpty(attempts -> attempts.delayElements(Duration.ofMillis(100)))
                .block(BOUND);
    }

    private int status(String path) {
        return statusOf(path).block(BOUND);
    }

    private Mono<Integer> statusOf(String path) {
        return WebClient.create("http://127.0.0.1:" + Replicas.port(this.replica))
                .get()
                .uri(path)
                .exchangeToMono(response -> Mono.just(response.statusCode().value()));
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            count++;
        }
        return count;
    }
}
