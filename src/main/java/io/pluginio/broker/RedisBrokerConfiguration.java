package io.pluginio.broker;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import java.net.SocketAddress;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * The Redis broker, when {@code plugin-io.broker=redis}; Redis is reached through Spring Boot's
 * Lettuce connection factory ({@code spring.data.redis.*}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "plugin-io.broker", havingValue = "redis")
class RedisBrokerConfiguration {

    /**
     * Commands fail at once while the connection is down instead of queueing until Redis returns:
     * a broadcast answers 503 quickly, and a publish the caller gave up on is never applied later.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /**
     * The most commands a Redis connection holds unanswered; Lettuce's default is unbounded. Past it a
     * command fails at once, which a broadcast answers with 503, instead of piling up in memory
     * while Redis is slow.
     */
    static final int REQUEST_QUEUE_SIZE = 10_000;

    @Bean
    LettuceClientOptionsBuilderCustomizer boundRequestQueue() {
        return options -> options.requestQueueSize(REQUEST_QUEUE_SIZE);
    }

    @Bean
    RedisOutageLog redisOutageLog() {
        return new RedisOutageLog();
    }

    /** Connections close on purpose from here on (the connection factory stops before the broker). */
    @Bean
    ApplicationListener<ContextClosedEvent> redisBrokerShutdown(RedisOutageLog outage) {
        return event -> outage.shutDown();
    }

    @Bean(destroyMethod = "close")
    RedisBroker redisBroker(
            LettuceConnectionFactory connectionFactory,
            RedisBrokerProperties properties,
            HistoryProperties history,
            RedisOutageLog outage) {
        return createBroker(connectionFactory, properties, history, outage);
    }

    /** Builds the broker on a started connection factory; tests use it to vary the settings. */
    static RedisBroker createBroker(
            LettuceConnectionFactory connectionFactory,
            RedisBrokerProperties properties,
            HistoryProperties history,
            RedisOutageLog outage) {
        var client = connectionFactory.getRequiredNativeClient();
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                outage.available("reconnected");
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                // a connection closed on purpose (e.g. after a cluster topology lookup) is no outage
                if (connection == null || !connection.isClosed()) {
                    outage.unavailable("connection lost", null);
                }
            }
        });
        RedisSerializationContext<String, byte[]> serialization =
                RedisSerializationContext.<String, byte[]>newSerializationContext(RedisSerializer.string())
                        .value(RedisSerializer.byteArray())
                        .build();
        RedisPubSub pubSub = new RedisPubSub(client, properties.shardedPubsub());
        pubSub.connectInBackground();
        return new RedisBroker(
                new ReactiveRedisTemplate<>(connectionFactory, serialization), pubSub, outage, properties, history);
    }

    /** The {@code broker} health contributor: DOWN while Redis is unreachable (readiness group). */
    @Bean
    ReactiveHealthIndicator brokerHealthIndicator(RedisBroker broker) {
        return () -> broker.isAvailable()
                .map(available -> (available ? Health.up() : Health.down())
                        .withDetail("type", "redis")
                        .withDetail("pubsub", broker.isSharded() ? "sharded" : "classic")
                        .build());
    }
}
