package io.pluginio.channel;

import io.pluginio.broker.Broker;
import io.pluginio.metrics.PluginIoMetrics;
import io.pluginio.plugin.Broadcaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The injectable {@link Broadcaster}. */
@Configuration(proxyBeanMethods = false)
class ChannelConfiguration {

    @Bean
    Broadcaster broadcaster(Broker broker, JsonMapper jsonMapper, PluginIoMetrics metrics) {
        return new BrokerBroadcaster(broker, jsonMapper, metrics);
    }
}
