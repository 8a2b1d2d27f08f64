package io.pluginio.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link PluginIoMetrics} bean. */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    PluginIoMetrics pluginIoMetrics(MeterRegistry registry) {
        return new PluginIoMetrics(registry);
    }
}
