package io.pluginio.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.ClientOptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Lettuce options the Redis broker puts into Spring Boot's connection factory: commands are
 * rejected while disconnected, and the queue of unanswered commands is bounded.
 */
class RedisClientOptionsTests {

    @Test
    void theConnectionFactoryRejectsCommandsWhileDisconnectedAndBoundsItsRequestQueue() {
        RedisBrokerConfiguration configuration = new RedisBrokerConfiguration();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
                .withBean(
                        "rejectCommandsWhileDisconnected",
                        LettuceClientOptionsBuilderCustomizer.class,
                        configuration::rejectCommandsWhileDisconnected)
                .withBean(
                        "boundRequestQueue",
                        LettuceClientOptionsBuilderCustomizer.class,
                        configuration::boundRequestQueue)
                .run(context -> {
                    ClientOptions options = context.getBean(LettuceConnectionFactory.class)
                            .getClientConfiguration()
                            .getClientOptions()
                            .orElseThrow();
                    assertThat(options.getRequestQueueSize()).isEqualTo(RedisBrokerConfiguration.REQUEST_QUEUE_SIZE);
                    assertThat(options.getDisconnectedBehavior())
                            .isEqualTo(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
                });
    }
}
