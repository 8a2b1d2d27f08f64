package io.pluginio.web;

import io.pluginio.broker.BrokerUnavailableException;
import io.pluginio.plugin.Broadcaster;
import io.pluginio.plugin.InvalidChannelNameException;
import io.pluginio.plugin.Names;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Records broadcasts instead of delivering them. Channel {@value #UNAVAILABLE} behaves as a broker
 * that is down.
 */
final class RecordingBroadcaster implements Broadcaster {

    static final String UNAVAILABLE = "broker-down";

    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public Mono<Void> broadcast(String plugin, String channel, @Nullable Object message) {
        return Mono.defer(() -> {
            if (!Names.isValidChannelName(channel)) {
                return Mono.error(new InvalidChannelNameException());
            }
            if (UNAVAILABLE.equals(channel)) {
                return Mono.error(new BrokerUnavailableException("test broker is down"));
            }
            sent.add(new Sent(plugin, channel, message));
            return Mono.empty();
        });
    }

    /** What was broadcast to {@code channel}, in order, whatever the plugin. */
    List<Sent> sentTo(String channel) {
        return sent.stream().filter(s -> s.channel().equals(channel)).toList();
    }

    record Sent(String plugin, String channel, @Nullable Object message) {}
}
