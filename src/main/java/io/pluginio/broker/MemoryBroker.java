package io.pluginio.broker;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The broker of a single replica: channel state lives in this process. Each channel has a random
 * epoch, an offset counter and a history bounded by {@link HistoryProperties}. A publish assigns
 * the offset, appends to history and calls the channel's handler under the channel's lock, so the
 * handler sees publications one at a time, in offset order.
 *
 * <p>History is lost when the process stops; the next process gives the channel a new epoch, so a
 * resuming client is told it was not recovered. A channel with no subscriber whose history has
 * expired is forgotten by {@link #evictIdle()}, so memory stays bounded by the active channels.
 */
public final class MemoryBroker implements Broker {

    private final Map<ChannelKey, ChannelState> channels = new ConcurrentHashMap<>();

    private final HistoryProperties properties;

    private final Clock clock;

    /** @param properties the history bounds
     * @param clock the time publications are stamped with and expire by */
    public MemoryBroker(HistoryProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Mono<StreamPosition> publish(ChannelKey channel, byte[] message) {
        return Mono.fromCallable(() -> withState(channel, state -> state.publish(channel, message)));
    }

    @Override
    public Mono<Void> subscribe(ChannelKey channel, PublicationHandler handler) {
        return Mono.fromRunnable(() -> withState(channel, state -> {
            state.handler = handler;
            return state;
        }));
    }

    @Override
    public Mono<Void> unsubscribe(ChannelKey channel) {
        return Mono.fromRunnable(() -> {
            ChannelState state = channels.get(channel);
            if (state != null) {
                synchronized (state) {
                    state.handler = null;
                }
            }
        });
    }

    @Override
    public Mono<History> history(ChannelKey channel, StreamPosition since) {
        return Mono.fromCallable(() -> withState(channel, state -> state.history(since)));
    }

    @Override
    public Mono<StreamPosition> position(ChannelKey channel) {
        return Mono.fromCallable(() -> withState(channel, ChannelState::position));
    }

    /**
     * Forgets the channels that have no subscriber and no unexpired history. Called periodically;
     * a forgotten channel gets a new epoch when next used.
     */
    public void evictIdle() {
        long now = clock.millis();
        for (ChannelKey key : channels.keySet()) {
            channels.computeIfPresent(key, (k, state) -> {
                synchronized (state) {
                    state.trim(now);
                    if (state.handler == null && state.history.isEmpty()) {
                        state.evicted = true;
                        return null;
                    }
                    return state;
                }
            });
        }
    }

    /** How many channels are held in memory. */
    public int channelCount() {
        return channels.size();
    }

    /** Runs {@code action} under the channel's lock, on a state that is not being evicted. */
    private <T> T withState(ChannelKey channel, Function<ChannelState, T> action) {
        while (true) {
            ChannelState state = channels.computeIfAbsent(channel, k -> new ChannelState(newEpoch()));
            synchronized (state) {
                // Lost a race with evictIdle(): the state is gone from the map, take a fresh one.
                if (!state.evicted) {
                    return action.apply(state);
                }
            }
        }
    }

    private static String newEpoch() {
        return Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
    }

    /** One channel's state; every field is guarded by the instance's monitor. */
    private final class ChannelState {

        final String epoch;

        final ArrayDeque<Publication> history = new ArrayDeque<>();

        long offset;

        @Nullable
        PublicationHandler handler;

        boolean evicted;

        ChannelState(String epoch) {
            this.epoch = epoch;
        }

        StreamPosition publish(ChannelKey channel, byte[] message) {
            long now = clock.millis();
            Publication publication = new Publication(channel, ++offset, epoch, message, now);
            if (properties.size() > 0) {
                history.addLast(publication);
            }
            trim(now);
            if (handler != null) {
                handler.onPublication(publication);
            }
            return publication.position();
        }

        History history(StreamPosition since) {
            trim(clock.millis());
            StreamPosition position = position();
            if (!since.epoch().equals(epoch) || since.offset() > offset) {
                return new History(false, position, List.of());
            }
            // Offsets are consecutive, so the history holds offsets (offset - size, offset].
            long oldestKept = offset - history.size() + 1;
            if (since.offset() + 1 < oldestKept) {
                return new History(false, position, List.of());
            }
            List<Publication> missed = new ArrayList<>((int) (offset - since.offset()));
            for (Publication publication : history) {
                if (publication.offset() > since.offset()) {
                    missed.add(publication);
                }
            }
            return new History(true, position, missed);
        }

        StreamPosition position() {
            return new StreamPosition(offset, epoch);
        }

        void trim(long now) {
            long oldestAllowed = now - properties.ttl().toMillis();
            while (!history.isEmpty()
                    && (history.size() > properties.size()
                            || history.peekFirst().publishedAt() < oldestAllowed)) {
                history.removeFirst();
            }
        }
    }
}
