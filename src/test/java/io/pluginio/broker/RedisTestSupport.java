package io.pluginio.broker;

import com.redis.testcontainers.RedisContainer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Finds the Redis of {@link RedisIntegrationTest}: skips the test when there is none, and points
 * Spring test contexts at it.
 */
final class RedisTestSupport implements ExecutionCondition, ContextCustomizerFactory {

    private static @Nullable String url;

    private static boolean looked;

    /** The Redis URL, or null when neither {@code REDIS_URL} nor Docker is available. */
    static synchronized @Nullable String url() {
        if (!looked) {
            looked = true;
            String fromEnvironment = System.getenv("REDIS_URL");
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                url = fromEnvironment;
            } else if (DockerClientFactory.instance().isDockerAvailable()) {
                // one container for the whole run, stopped by Testcontainers' reaper
                RedisContainer container =
                        new RedisContainer(RedisContainer.DEFAULT_IMAGE_NAME.withTag(RedisContainer.DEFAULT_TAG));
                container.start();
                url = "redis://" + container.getRedisHost() + ":" + container.getRedisPort();
            }
        }
        return url;
    }

    static String requiredUrl() {
        String found = url();
        if (found == null) {
            throw new IllegalStateException("No Redis: set REDIS_URL or run Docker");
        }
        return found;
    }

    /** A started connection factory on the test Redis, as Spring Boot would build it; close it. */
    static LettuceConnectionFactory connectionFactory(String redisUrl) {
        var factory = new LettuceConnectionFactory(
                LettuceConnectionFactory.createRedisConfiguration(redisUrl),
                org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration.builder()
                        .clientOptions(io.lettuce.core.ClientOptions.builder()
                                .disconnectedBehavior(
                                        io.lettuce.core.ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                                .build())
                        .build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    /** A channel name no other test (or earlier run) uses. */
    static String uniqueChannel(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return (url() != null)
                // not the URL itself: it may carry a password
                ? ConditionEvaluationResult.enabled("Redis found (REDIS_URL or Testcontainers)")
                : ConditionEvaluationResult.disabled("No Redis: REDIS_URL is not set and Docker is not available");
    }

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        if (!MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(RedisIntegrationTest.class)) {
            return null;
        }
        return new RedisContextCustomizer();
    }

    /** Adds the Redis properties; equal for every test class, so contexts can still be cached. */
    private static final class RedisContextCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(
                org.springframework.context.ConfigurableApplicationContext context,
                org.springframework.test.context.MergedContextConfiguration mergedConfig) {
            String found = url();
            if (found != null) {
                context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new MapPropertySource(
                                "redisIntegrationTest",
                                Map.of("spring.data.redis.url", found, "plugin-io.broker", "redis")));
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RedisContextCustomizer;
        }

        @Override
        public int hashCode() {
            return RedisContextCustomizer.class.hashCode();
        }
    }
}
