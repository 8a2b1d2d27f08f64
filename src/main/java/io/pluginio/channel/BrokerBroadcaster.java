package io.pluginio.channel;

import io.pluginio.broker.Broker;
import io.pluginio.broker.ChannelKey;
import io.pluginio.metrics.PluginIoMetrics;
import io.pluginio.plugin.Broadcaster;
import io.pluginio.plugin.InvalidChannelNameException;
import io.pluginio.plugin.Names;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link Broadcaster}: serialises the message once with the application's {@link JsonMapper}
 * and publishes it through the broker, which delivers it to every replica's connections.
 */
final class BrokerBroadcaster implements Broadcaster {

    private final Broker broker;

    private final JsonMapper jsonMapper;

    private final PluginIoMetrics metrics;

    BrokerBroadcaster(Broker broker, JsonMapper jsonMapper, PluginIoMetrics metrics) {
        this.broker = broker;
        this.jsonMapper = jsonMapper;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> broadcast(String plugin, String channel, @Nullable Object message) {
        return Mono.fromCallable(() -> {
                    if (channel == null || !Names.isValidChannelName(channel)) {
                        throw new InvalidChannelNameException();
                    }
                    if (plugin == null || !Names.isValidPluginName(plugin)) {
                        throw new IllegalArgumentException("Invalid plugin name");
                    }
                    return new ChannelKey(plugin, channel);
                })
                .flatMap(key -> broker.publish(key, jsonMapper.writeValueAsBytes(message))
                        .doOnSuccess(position -> metrics.broadcastPublished(key.plugin()))
                        .doOnError(error -> metrics.brokerPublishFailed(key.plugin())))
                .then();
    }
}
