package io.pluginio.channel;

import io.pluginio.broker.Broker;
import io.pluginio.broker.ChannelKey;
import io.pluginio.broker.History;
import io.pluginio.broker.Publication;
import io.pluginio.broker.StreamPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * This replica's channels: one local channel per {@code (plugin, channel)} that has connections
 * here, fed only by the {@link Broker} (one local delivery path: a replica's own broadcasts reach
 * its connections through the broker too, so nothing arrives twice).
 *
 * <p>The broker is subscribed to a channel when its first local connection arrives, and
 * unsubscribed a grace period after the last one leaves, so that a reconnect causes no churn.
 *
 * <p>Each publication's frame is serialised once and offered to every connection's {@link
 * FrameSink}, which queues it in the connection's own bounded buffer. A full buffer is the
 * connection's business (the WebSocket layer closes it with 4508); the channel and the other
 * connections go on undisturbed.
 */
public final class ChannelHub {

    private static final Logger logger = LoggerFactory.getLogger(ChannelHub.class);

    private final Broker broker;

    private final Duration unsubscribeGrace;

    private final Scheduler scheduler;

    private final int resumeBufferSize;

    private final DeliveryListener listener;

    // Both maps are guarded by this hub's monitor: joins and leaves are rare next to publications.
    private final Map<ChannelKey, LocalChannel> channels = new HashMap<>();

    private final Map<ChannelKey, Mono<Void>> unsubscribing = new HashMap<>();

    /**
     * @param broker the broker to subscribe channels at
     * @param unsubscribeGrace how long a channel stays subscribed after its last local connection
     *     left; zero releases it at once
     * @param scheduler runs the delayed releases
     * @param resumeBufferSize most live frames held for a resuming connection while its history is
     *     read
     * @param listener told of every publication handed to this replica's connections
     */
    public ChannelHub(
            Broker broker,
            Duration unsubscribeGrace,
            Scheduler scheduler,
            int resumeBufferSize,
            DeliveryListener listener) {
        if (resumeBufferSize < 1) {
            throw new IllegalArgumentException("resumeBufferSize must be positive");
        }
        this.broker = broker;
        this.unsubscribeGrace = unsubscribeGrace;
        this.scheduler = scheduler;
        this.resumeBufferSize = resumeBufferSize;
        this.listener = listener;
    }

    /**
     * Connects {@code sink} to {@code key} while the returned Mono is subscribed: from then on it is
     * offered every publication's frame, whose UTF-8 JSON bytes are shared by every connection (do
     * not modify them). Cancel the subscription to disconnect.
     *
     * <p>The Mono never completes by itself. It fails when the broker cannot subscribe or read
     * history, and with {@link SendBufferOverflowException} when a resuming connection's first
     * frames do not fit its buffer.
     *
     * <p>With {@link Resume.From} or {@link Resume.Latest}, the sink gets the position frame (and
     * the missed publications) first. It is attached to the live stream before history or position
     * are read, and live frames already covered by them are skipped, so that publications racing
     * the read are neither lost nor repeated.
     */
    public Mono<Void> attach(ChannelKey key, Resume resume, FrameSink sink) {
        return Mono.defer(() -> {
            LocalChannel channel = acquire(key);
            return channel.subscribed
                    .then(Mono.defer(() -> connect(channel, resume, sink)))
                    .doFinally(signal -> release(channel));
        });
    }

    /** How many channels have local connections or are within their grace period. */
    public synchronized int channelCount() {
        return channels.size();
    }

    private Mono<Void> connect(LocalChannel channel, Resume resume, FrameSink sink) {
        if (resume instanceof Resume.None) {
            Disposable live = channel.add(sink);
            return Mono.<Void>never().doFinally(signal -> live.dispose());
        }
        ResumeGate gate = new ResumeGate(sink, resumeBufferSize);
        Disposable live = channel.add(gate);
        Mono<Boolean> opened;
        if (resume instanceof Resume.From from) {
            opened = broker.history(channel.key, from.since())
                    .map(history -> gate.open(first(history), lastDelivered(history)));
        } else {
            opened = broker.position(channel.key)
                    .map(position -> gate.open(List.of(Frames.position(true, position)), position));
        }
        return opened.flatMap(
                        fitted -> fitted ? Mono.<Void>never() : Mono.<Void>error(new SendBufferOverflowException()))
                .doFinally(signal -> live.dispose());
    }

    /** The position frame, then the missed publications. */
    private static List<Frame> first(History history) {
        List<Frame> frames = new ArrayList<>(history.publications().size() + 1);
        frames.add(Frames.position(history.recovered(), history.position()));
        for (Publication publication : history.publications()) {
            frames.add(Frames.publication(publication));
        }
        return frames;
    }

    private static StreamPosition lastDelivered(History history) {
        List<Publication> publications = history.publications();
        if (publications.isEmpty()) {
            return history.position();
        }
        Publication last = publications.get(publications.size() - 1);
        return last.offset() > history.position().offset() ? last.position() : history.position();
    }

    private synchronized LocalChannel acquire(ChannelKey key) {
        LocalChannel channel = channels.get(key);
        if (channel == null) {
            LocalChannel created = new LocalChannel(key, listener);
            // A release of this channel may still be unsubscribing at the broker: subscribe after it.
            Mono<Void> previous = unsubscribing.getOrDefault(key, Mono.empty());
            created.subscribed = previous.onErrorComplete()
                    .then(broker.subscribe(key, created))
                    .doOnError(error -> forget(created))
                    .cache();
            channels.put(key, created);
            channel = created;
        }
        channel.connections++;
        if (channel.pendingRelease != null) {
            channel.pendingRelease.dispose();
            channel.pendingRelease = null;
        }
        return channel;
    }

    private synchronized void release(LocalChannel channel) {
        channel.connections--;
        if (channel.connections == 0 && channels.get(channel.key) == channel) {
            channel.pendingRelease =
                    scheduler.schedule(() -> expire(channel), unsubscribeGrace.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void expire(LocalChannel channel) {
        Mono<Void> unsubscribe;
        synchronized (this) {
            if (channel.connections > 0 || channels.get(channel.key) != channel) {
                return;
            }
            channels.remove(channel.key);
            unsubscribe = broker.unsubscribe(channel.key).cache();
            unsubscribing.put(channel.key, unsubscribe);
        }
        unsubscribe
                .doFinally(signal -> {
                    synchronized (this) {
                        unsubscribing.remove(channel.key, unsubscribe);
                    }
                })
                .subscribe(
                        null,
                        error -> logger.warn("Could not unsubscribe channel {}: {}", channel.key, error.toString()));
    }

    /** A failed broker subscription is not kept: the next connection tries again. */
    private synchronized void forget(LocalChannel channel) {
        channels.remove(channel.key, channel);
    }
}
