package io.pluginio.channel;

import io.pluginio.broker.ChannelKey;
import io.pluginio.broker.Publication;
import io.pluginio.broker.PublicationHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One channel with connections on this replica: the broker's {@link PublicationHandler} for it.
 *
 * <p>Each publication's frame is built once here and multicast to the connections through a
 * {@code Sinks.many().multicast().directBestEffort()} sink, on the broker's delivering thread:
 * multicast to every current subscriber; without subscribers a publication is dropped (a new
 * connection catches up from broker history, never from this sink); no replay; no backpressure
 * towards the broker. Every subscriber is a connection's {@link FrameSink} with unbounded demand,
 * which only queues the frame in the connection's own bounded buffer, so a slow connection never
 * delays the others; a sink that refuses a frame (full, or closing) is unsubscribed.
 */
final class LocalChannel implements PublicationHandler {

    private static final Logger logger = LoggerFactory.getLogger(LocalChannel.class);

    final ChannelKey key;

    private final DeliveryListener listener;

    private final Sinks.Many<Frame> broadcasts = Sinks.many().multicast().directBestEffort();

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

    /** Connections that took the publication being emitted; touched only during onPublication. */
    private int handedOff;

    LocalChannel(ChannelKey key, DeliveryListener listener) {
        this.key = key;
        this.listener = listener;
    }

    @Override
    public void onPublication(Publication publication) {
        noteGap(publication);
        Frame frame = Frames.publication(publication);
        handedOff = 0;
        Sinks.EmitResult result = broadcasts.tryEmitNext(frame);
        switch (result) {
            case OK -> listener.delivered(key, frame.publishedAt(), handedOff);
            case FAIL_ZERO_SUBSCRIBER -> {
                // Nobody local right now (the grace period after the last left).
            }
            case FAIL_TERMINATED, FAIL_CANCELLED ->
                // Cannot happen: the sink is never completed; kept loud in case it is.
                logger.warn("Channel {}: sink terminated; publication {} not delivered", key, publication.offset());
            case FAIL_OVERFLOW ->
                // Cannot happen: every subscriber has unbounded demand. Kept loud in case it does.
                logger.warn("Channel {}: publication {} found no subscriber with demand", key, publication.offset());
            case FAIL_NON_SERIALIZED ->
                logger.error(
                        "Channel {}: the broker called the handler concurrently; publication {} dropped",
                        key,
                        publication.offset());
        }
    }

    /** Hands every later publication's frame to {@code sink}, until the returned handle is disposed. */
    Disposable add(FrameSink sink) {
        Subscriber subscriber = new Subscriber(sink, this);
        broadcasts.asFlux().subscribe(subscriber);
        return subscriber;
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

    /** One connection's subscription: unbounded demand; the first frame its sink refuses ends it. */
    private static final class Subscriber extends BaseSubscriber<Frame> {

        private final FrameSink sink;

        private final LocalChannel channel;

        Subscriber(FrameSink sink, LocalChannel channel) {
            this.sink = sink;
            this.channel = channel;
        }

        @Override
        protected void hookOnNext(Frame frame) {
            if (sink.offer(frame)) {
                channel.handedOff++;
            } else {
                dispose();
            }
        }
    }
}
