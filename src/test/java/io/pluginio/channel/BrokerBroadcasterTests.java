package io.pluginio.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pluginio.broker.ChannelKey;
import io.pluginio.broker.HistoryProperties;
import io.pluginio.broker.MemoryBroker;
import io.pluginio.broker.Publication;
import io.pluginio.metrics.PluginIoMetrics;
import io.pluginio.plugin.InvalidChannelNameException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

class BrokerBroadcasterTests {

    final MemoryBroker broker = new MemoryBroker(new HistoryProperties(10, Duration.ofMinutes(1)), Clock.systemUTC());

    final BrokerBroadcaster broadcaster =
            new BrokerBroadcaster(broker, JsonMapper.builder().build(), new PluginIoMetrics(new SimpleMeterRegistry()));

    final ChannelKey news = new ChannelKey("plugin", "news");

    final List<Publication> published = new ArrayList<>();

    BrokerBroadcasterTests() {
        broker.subscribe(news, published::add).block();
    }

    @Test
    void broadcastPublishesTheMessageSerialisedAsJson() {
        StepVerifier.create(broadcaster.broadcast("plugin", "news", Map.of("text", "hi")))
                .verifyComplete();
        assertThat(published).hasSize(1);
        assertThat(new String(published.get(0).message(), StandardCharsets.UTF_8))
                .isEqualTo("{\"text\":\"hi\"}");
    }

    @Test
    void broadcastOfNullPublishesJsonNull() {
        broadcaster.broadcast("plugin", "news", null).block();
        assertThat(new String(published.get(0).message(), StandardCharsets.UTF_8))
                .isEqualTo("null");
    }

    @Test
    void broadcastToAnInvalidChannelFailsWithTheSdkMessageAndSendsNothing() {
        StepVerifier.create(broadcaster.broadcast("plugin", "bad name", "x"))
                .expectErrorSatisfies(
                        error -> assertThat(error)
                                .isInstanceOf(InvalidChannelNameException.class)
                                .hasMessage(
                                        "Invalid channel name. Channel name must be alphanumeric and can contain underscores or hyphens."))
                .verify(Duration.ofSeconds(5));
        StepVerifier.create(broadcaster.broadcast("plugin", "c".repeat(101), "x"))
                .expectError(InvalidChannelNameException.class)
                .verify(Duration.ofSeconds(5));
        assertThat(published).isEmpty();
    }

    @Test
    void broadcastWithAnInvalidPluginNameFails() {
        StepVerifier.create(broadcaster.broadcast("bad-plugin", "news", "x"))
                .expectError(IllegalArgumentException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void broadcastDoesNothingUntilSubscribed() {
        broadcaster.broadcast("plugin", "news", "x");
        assertThat(published).isEmpty();
    }
}
