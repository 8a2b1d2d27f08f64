package io.pluginio.broker;

import reactor.core.publisher.Mono;

/**
 * Moves broadcasts between replicas and keeps each channel's recent history.
 *
 * <p>There is one local delivery path: a replica delivers to its own connections only what its
 * {@link PublicationHandler} receives from the broker, its own publishes included, so nothing is
 * delivered twice and the order of one publisher's broadcasts to a channel is kept. Two
 * implementations: {@code MemoryBroker} (one replica, the default) and {@code RedisBroker}.
 *
 * <p>Offsets are consecutive within an epoch: the first publication of an epoch has offset 1 and
 * each later one the previous offset plus one. A subscriber that sees an offset other than the
 * previous plus one (or a new epoch) knows that publications were missed in between, and the
 * channel hub relies on that to detect gaps.
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
     * the handler. The handler is called for each publication in offset order, never concurrently
     * for one channel.
     */
    Mono<Void> subscribe(ChannelKey channel, PublicationHandler handler);

    /** Stops delivering the publications of {@code channel} to this replica. */
    Mono<Void> unsubscribe(ChannelKey channel);

    /**
     * The publications of {@code channel} after {@code since}, if the retained history has them all.
     * The answer is read atomically: when recovered, {@code publications} runs exactly from {@code
     * since.offset() + 1} to {@code position.offset()}. Not recovered when the epoch differs, when
     * {@code since} lies beyond the current position, or when history was trimmed past it.
     */
    Mono<History> history(ChannelKey channel, StreamPosition since);

    /** The channel's current position, without history. */
    Mono<StreamPosition> position(ChannelKey channel);
}
