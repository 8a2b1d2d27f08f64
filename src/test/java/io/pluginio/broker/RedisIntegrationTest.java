package io.pluginio.broker;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * A test that needs a real Redis. It finds one in this order: the {@code REDIS_URL} environment
 * variable, else a Testcontainers Redis when Docker is available, else the test is skipped ({@code
 * .ci/run} fails the build when that happens). A Spring test context of such a class gets {@code
 * spring.data.redis.url} and {@code plugin-io.broker=redis}. Tests share the Redis: they use unique
 * channel names and never flush it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("redis")
@ExtendWith(RedisTestSupport.class)
@ContextCustomizerFactories(RedisTestSupport.class)
public @interface RedisIntegrationTest {}
