package io.pluginio.plugin;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Broadcasts to a plugin's WebSocket channel from any bean: a scheduled job, a message listener.
 * Inject it. Routes usually return a {@link Broadcast} effect instead.
 *
 * <p>The returned {@code Mono} completes when the broker has accepted the broadcast (it is then
 * delivered to every connection on the channel, on every replica) and fails with {@link
 * InvalidChannelNameException} for a bad channel name, {@link IllegalArgumentException} for a bad
 * plugin name, or a broker error when the broker is unavailable. Nothing happens until it is
 * subscribed.
 */
public interface Broadcaster {

    /** Sends {@code message} to every connection on {@code channel} of {@code plugin}. */
    Mono<Void> broadcast(String plugin, String channel, @Nullable Object message);
}
