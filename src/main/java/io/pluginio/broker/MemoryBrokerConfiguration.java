package io.pluginio.broker;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/** The in-memory broker: the default, when {@code plugin-io.broker} is {@code memory} or unset. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "plugin-io.broker", havingValue = "memory", matchIfMissing = true)
class MemoryBrokerConfiguration {

    /** How often idle channels are looked for; often enough to keep memory flat, rare enough to cost nothing. */
    private static final Duration EVICTION_INTERVAL = Duration.ofSeconds(30);

    @Bean
    MemoryBroker memoryBroker(HistoryProperties history) {
        return new MemoryBroker(history, Clock.systemUTC());
    }

    @Bean(destroyMethod = "dispose")
    Disposable memoryBrokerEviction(MemoryBroker broker) {
        return Schedulers.parallel()
                .schedulePeriodically(
                        broker::evictIdle,
                        EVICTION_INTERVAL.toMillis(),
                        EVICTION_INTERVAL.toMillis(),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
