package io.pluginio.broker;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * The {@code broker} health contributor of the in-memory broker, always UP, so that the readiness
 * group can include {@code broker} whichever broker runs ({@link RedisBrokerConfiguration} has the
 * Redis one).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "plugin-io.broker", havingValue = "memory", matchIfMissing = true)
class BrokerHealthConfiguration {

    @Bean
    ReactiveHealthIndicator brokerHealthIndicator() {
        return () -> Mono.just(Health.up().withDetail("type", "memory").build());
    }
}
