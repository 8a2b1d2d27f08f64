package io.pluginio.channel;

import io.pluginio.broker.ChannelKey;
import io.pluginio.broker.Publication;
import io.pluginio.broker.PublicationHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One channel with connections on this replica: the broker's {@link PublicationHandler} for it.
 *
 * <p>Each publication's frame is built once here and multicast to the connections through a
 * {@code Sinks.many().multicast().directBestEffort()} sink: multicast to every current subscriber;
 * without subscribers a publication is dropped (a new connection catches up from broker history,
 * never from this sink); no replay; no backpressure towards the broker, because a subscriber
 * without demand misses items instead of slowing the others. Every subscriber is a connection's
 * own bounded buffer that always has demand and closes its connection when full, so nothing is
 * missed silently.
 */
final class LocalChannel implements PublicationHandler {

    private static final Logger logger = LoggerFactory.getLogger(LocalChannel.class);

    final ChannelKey key;

    private final Sinks.Many<Delivery> sink = Sinks.many().multicast().directBestEffort();

    /** Completes once the broker delivers this channel's publications here; set by the hub. */
    Mono<Void> subscribed = Mono.empty();

    /** Local connections; guarded by the hub. */
    int connections;

    /** The unsubscribe scheduled after the last connection left; guarded by the hub. */
    @Nullable
    Disposable pendingRelease;

    // Only touched by onPublication, which the broker never calls concurrently.
    private @Nullable String lastEpoch;

    private long lastOffset;

    LocalChannel(ChannelKey key) {
        this.key = key;
    }

    @Override
    public void onPublication(Publication publication) {
        noteGap(publication);
        Sinks.EmitResult result = sink.tryEmitNext(new Delivery(
                publication.offset(), publication.epoch(), Frames.publication(publication), publication.publishedAt()));
        switch (result) {
            case OK, FAIL_ZERO_SUBSCRIBER -> {
                // Delivered, or nobody local right now (the grace period after the last left).
            }
            case FAIL_TERMINATED, FAIL_CANCELLED ->
                // The channel was released while the broker still had a publication in flight.
                logger.debug("Channel {} released; publication {} not delivered locally", key, publication.offset());
            case FAIL_OVERFLOW ->
                // Cannot happen: every subscriber is an unbounded-demand buffer. Kept loud in case it does.
                logger.warn("Channel {}: publication {} found no subscriber with demand", key, publication.offset());
            case FAIL_NON_SERIALIZED ->
                logger.error(
                        "Channel {}: the broker called the handler concurrently; publication {} dropped",
                        key,
                        publication.offset());
        }
    }

    /** Every later publication of this channel, with its frame. */
    Flux<Delivery> deliveries() {
        return sink.asFlux();
    }

    /** Ends the local stream; called when the channel is released. */
    void close() {
        // FAIL_TERMINATED only if already closed: nothing to do either way.
        sink.tryEmitComplete();
    }

    /**
     * Offsets are consecutive (Broker contract), so a jump means the broker lost publications on the
     * way here (e.g. a Redis pub/sub reconnect). Live connections do not see the missing ones; a
     * client that resumes with since/epoch gets them from history.
     */
    private void noteGap(Publication publication) {
        if (publication.epoch().equals(lastEpoch) && publication.offset() != lastOffset + 1) {
            logger.warn(
                    "Channel {}: publications {} to {} did not reach this replica",
                    key,
                    lastOffset + 1,
                    publication.offset() - 1);
        }
        lastEpoch = publication.epoch();
        lastOffset = publication.offset();
    }

    /** A publication's position and its frame, built once for every connection. */
    record Delivery(long offset, String epoch, byte[] frame, long publishedAt) {

        Frame toFrame() {
            return new Frame(frame, publishedAt);
        }
    }
}
