package io.pluginio.channel;

import io.pluginio.broker.ChannelKey;
import io.pluginio.broker.Publication;
import io.pluginio.broker.PublicationHandler;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * One channel with connections on this replica: the broker's {@link PublicationHandler} for it.
 *
 * <p>Each publication's frame is built once here and offered to every connection's {@link
 * FrameSink} in turn, on the broker's delivering thread. A sink only queues the frame in its own
 * bounded buffer, so a slow connection never delays the others; a sink that refuses a frame (full
 * or closing) is dropped from the channel. Without connections a publication is dropped: a new
 * connection catches up from broker history, never from here.
 */
final class LocalChannel implements PublicationHandler {

    private static final Logger logger = LoggerFactory.getLogger(LocalChannel.class);

    final ChannelKey key;

    private final DeliveryListener listener;

    // Copy-on-write: a publication iterates every connection, a join or leave copies the array.
    private final CopyOnWriteArrayList<FrameSink> sinks = new CopyOnWriteArrayList<>();

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

    LocalChannel(ChannelKey key, DeliveryListener listener) {
        this.key = key;
        this.listener = listener;
    }

    @Override
    public void onPublication(Publication publication) {
        noteGap(publication);
        Frame frame = Frames.publication(publication);
        int delivered = 0;
        for (FrameSink sink : sinks) {
            if (sink.offer(frame)) {
                delivered++;
            } else {
                sinks.remove(sink);
            }
        }
        listener.delivered(key, frame.publishedAt(), delivered);
    }

    /** Hands every later publication's frame to {@code sink}, until the returned handle is disposed. */
    Disposable add(FrameSink sink) {
        sinks.add(sink);
        return () -> sinks.remove(sink);
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
}
