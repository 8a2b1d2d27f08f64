package io.pluginio.channel;

import io.pluginio.broker.Broker;
import io.pluginio.broker.ChannelKey;
import io.pluginio.broker.History;
import io.pluginio.broker.Publication;
import io.pluginio.broker.StreamPosition;
import io.pluginio.channel.LocalChannel.Delivery;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * This replica's channels: one local channel per {@code (plugin, channel)} that has connections
 * here, fed only by the {@link Broker} (one local delivery path: a replica's own broadcasts reach
 * its connections through the broker too, so nothing arrives twice).
 *
 * <p>The broker is subscribed to a channel when its first local connection arrives, and
 * unsubscribed a grace period after the last one leaves, so that a reconnect causes no churn.
 *
 * <p>Each connection gets its own bounded buffer between the channel and the socket. When it is
 * full the connection's overflow callback runs (the WebSocket layer closes it with 4508); the
 * channel and the other connections go on undisturbed.
 */
public final class ChannelHub {

    private static final Logger logger = LoggerFactory.getLogger(ChannelHub.class);

    private final Broker broker;

    private final Duration unsubscribeGrace;

    private final Scheduler scheduler;

    // Both maps are guarded by this hub's monitor: joins and leaves are rare next to publications.
    private final Map<ChannelKey, LocalChannel> channels = new HashMap<>();

    private final Map<ChannelKey, Mono<Void>> unsubscribing = new HashMap<>();

    /**
     * @param broker the broker to subscribe channels at
     * @param unsubscribeGrace how long a channel stays subscribed after its last local connection
     *     left; zero releases it at once
     * @param scheduler runs the delayed releases
     */
    public ChannelHub(Broker broker, Duration unsubscribeGrace, Scheduler scheduler) {
        this.broker = broker;
        this.unsubscribeGrace = unsubscribeGrace;
        this.scheduler = scheduler;
    }

    /**
     * The frames for one connection to {@code key}, whose UTF-8 JSON bytes are shared by every
     * connection (do not modify them), each with its broadcast's publication time.
     *
     * <p>Cold: each subscription is one connection. It never completes by itself; it fails when
     * the broker cannot subscribe or read history. At most {@code bufferSize} live frames wait for
     * the subscriber's demand; one more runs {@code onOverflow} once and stops the live stream.
     *
     * <p>With {@link Resume.From} or {@link Resume.Latest}, the connection is attached to the live
     * stream before history or position are read, and live frames already covered by them are
     * skipped, so that publications racing the read are neither lost nor repeated.
     */
    public Flux<Frame> frames(ChannelKey key, Resume resume, int bufferSize, Runnable onOverflow) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("bufferSize must be positive");
        }
        return Flux.defer(() -> {
            LocalChannel channel = acquire(key);
            return channel.subscribed
                    .thenMany(Flux.defer(() -> connect(channel, resume, bufferSize, onOverflow)))
                    .doFinally(signal -> release(channel));
        });
    }

    /** How many channels have local connections or are within their grace period. */
    public synchronized int channelCount() {
        return channels.size();
    }

    private Flux<Frame> connect(LocalChannel channel, Resume resume, int bufferSize, Runnable onOverflow) {
        // Linked, not an array: an idle connection then holds a few dozen bytes for its buffer
        // instead of bufferSize references allocated up front (4 KiB at the default 1024).
        Sinks.Many<Delivery> buffer =
                Sinks.many().unicast().onBackpressureBuffer(new LinkedBlockingQueue<>(bufferSize));
        Disposable.Swap live = Disposables.swap();
        live.update(channel.deliveries().subscribe(delivery -> offer(buffer, delivery, live, onOverflow)));
        Flux<Frame> frames;
        if (resume instanceof Resume.From from) {
            frames = broker.history(channel.key, from.since())
                    .flatMapMany(history -> Flux.concat(
                            Mono.just(new Frame(Frames.position(history.recovered(), history.position()), 0)),
                            Flux.fromIterable(history.publications())
                                    .map(publication ->
                                            new Frame(Frames.publication(publication), publication.publishedAt())),
                            after(buffer, lastDelivered(history))));
        } else if (resume instanceof Resume.Latest) {
            frames = broker.position(channel.key)
                    .flatMapMany(position -> Flux.concat(
                            Mono.just(new Frame(Frames.position(true, position), 0)), after(buffer, position)));
        } else {
            frames = buffer.asFlux().map(Delivery::toFrame);
        }
        return frames.doFinally(signal -> live.dispose());
    }

    private static void offer(Sinks.Many<Delivery> buffer, Delivery delivery, Disposable live, Runnable onOverflow) {
        Sinks.EmitResult result = buffer.tryEmitNext(delivery);
        switch (result) {
            case OK -> {}
            case FAIL_OVERFLOW -> {
                live.dispose();
                onOverflow.run();
                // Reaches the subscriber after what is buffered; the overflow callback acts at once.
                // Its result does not matter: the connection is being closed either way.
                buffer.tryEmitError(new SendBufferOverflowException());
            }
            case FAIL_CANCELLED, FAIL_TERMINATED, FAIL_ZERO_SUBSCRIBER ->
                // The connection is going away; its live subscription is being disposed.
                live.dispose();
            case FAIL_NON_SERIALIZED ->
                // Cannot happen: the channel's sink serialises its subscribers' signals.
                logger.error("Concurrent delivery into one connection's buffer; frame {} dropped", delivery.offset());
        }
    }

    /** The buffered live frames not already covered by {@code position}. */
    private static Flux<Frame> after(Sinks.Many<Delivery> buffer, StreamPosition position) {
        return Flux.defer(() -> {
            Position last = new Position(position.offset(), position.epoch());
            return buffer.asFlux().filter(last::advance).map(Delivery::toFrame);
        });
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
            LocalChannel created = new LocalChannel(key);
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
            channel.close();
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

    /** The last position a connection has been given; advanced by each live frame let through. */
    private static final class Position {

        private long offset;

        private String epoch;

        Position(long offset, String epoch) {
            this.offset = offset;
            this.epoch = epoch;
        }

        /** Whether {@code delivery} comes after this position (a new epoch always does); moves to it if so. */
        boolean advance(Delivery delivery) {
            if (delivery.epoch().equals(epoch) && delivery.offset() <= offset) {
                return false;
            }
            offset = delivery.offset();
            epoch = delivery.epoch();
            return true;
        }
    }
}
