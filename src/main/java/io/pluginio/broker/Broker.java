package io.pluginio.broker;

import reactor.core.publisher.Mono;

/**
 * Moves broadcasts between replicas and keeps each channel's recent history.
 *
 * <p>There is one local delivery path: a replica delivers to its own connections only what its
 * {@link PublicationHandler} receives from the broker, its own publishes included, so nothing is
 * delivered twice and the order of one publisher's broadcasts to a channel is kept. Two
 * implementations: {@code MemoryBroker} (one replica, the default) and {@code RedisBroker}.
 */
public interface Broker {

    /**
     * Publishes {@code message} (a serialised JSON value) to {@code channel}: assigns the next offset,
     * appends it to the channel's history and fans it out, atomically. Completes with the
     * publication's position once the broker has accepted it; fails with {@link
     * BrokerUnavailableException} when it cannot. Nothing happens until subscribed.
     */
    Mono<StreamPosition> publish(ChannelKey channel, byte[] message);

    /**
     * Starts delivering the publications of {@code channel} to {@code handler}, replacing any earlier
     * handler of that channel. Completes once publications made after completion are sure to reach
     * the handler.
     */
    Mono<Void> subscribe(ChannelKey channel, PublicationHandler handler);

    /** Stops delivering the publications of {@code channel} to this replica. */
    Mono<Void> unsubscribe(ChannelKey channel);

    /** The publications of {@code channel} after {@code since}, if the retained history has them all. */
    Mono<History> history(ChannelKey channel, StreamPosition since);

    /** The channel's current position, without history. */
    Mono<StreamPosition> position(ChannelKey channel);
}
