package io.pluginio.broker;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * This replica's one Redis pub/sub connection and the listener of each subscribed Redis channel.
 *
 * <p>The connection is opened in the background at start-up, or by a later subscribe if Redis was
 * away then (so the service starts without Redis), and then kept: Lettuce reconnects it after an
 * outage and subscribes again to every channel it had. Lettuce
 * reads the connection on one I/O thread, so each listener is called in the order Redis sent the
 * messages and never concurrently; listeners must not block.
 */
final class RedisPubSub implements AutoCloseable {

    private static final Log logger = LogFactory.getLog(RedisPubSub.class);

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final AbstractRedisClient client;

    private final boolean sharded;

    private final Map<String, Consumer<byte[]>> listeners = new ConcurrentHashMap<>();

    private volatile @Nullable StatefulRedisPubSubConnection<String, byte[]> connection;

    private final AtomicReference<@Nullable CompletableFuture<StatefulRedisPubSubConnection<String, byte[]>>>
            connecting = new AtomicReference<>();

    private volatile boolean closed;

    RedisPubSub(AbstractRedisClient client, boolean sharded) {
        this.client = client;
        this.sharded = sharded;
    }

    /**
     * Routes the messages of {@code redisChannel} to {@code listener}, replacing an earlier one, and
     * completes once Redis confirmed the subscription.
     */
    Mono<Void> subscribe(String redisChannel, Consumer<byte[]> listener) {
        this.listeners.put(redisChannel, listener);
        return connection()
                .flatMap(c -> this.sharded
                        ? c.reactive().ssubscribe(redisChannel)
                        : c.reactive().subscribe(redisChannel))
                .doOnError(ex -> this.listeners.remove(redisChannel, listener))
                .doOnCancel(() -> this.listeners.remove(redisChannel, listener));
    }

    /** Stops routing the messages of {@code redisChannel}; completes once Redis confirmed it. */
    Mono<Void> unsubscribe(String redisChannel) {
        this.listeners.remove(redisChannel);
        StatefulRedisPubSubConnection<String, byte[]> current = this.connection;
        if (current == null || this.closed) {
            return Mono.empty();
        }
        return this.sharded
                ? current.reactive().sunsubscribe(redisChannel)
                : current.reactive().unsubscribe(redisChannel);
    }

    /** False while the subscription connection, once opened, is disconnected. */
    boolean isConnected() {
        StatefulRedisPubSubConnection<String, byte[]> current = this.connection;
        return current == null || current.isOpen();
    }

    boolean isSharded() {
        return this.sharded;
    }

    /**
     * Opens the connection in the background if it is not open yet; a failed attempt is retried by
     * the next subscribe.
     */
    void connectInBackground() {
        connection().subscribe(connection -> {}, ex -> {});
    }

    private Mono<StatefulRedisPubSubConnection<String, byte[]>> connection() {
        StatefulRedisPubSubConnection<String, byte[]> current = this.connection;
        if (current != null) {
            return Mono.just(current);
        }
        CompletableFuture<StatefulRedisPubSubConnection<String, byte[]>> attempt = this.connecting.get();
        if (attempt == null || attempt.isCompletedExceptionally()) {
            CompletableFuture<StatefulRedisPubSubConnection<String, byte[]>> fresh = new CompletableFuture<>();
            if (this.connecting.compareAndSet(attempt, fresh)) {
                // Lettuce's connect blocks; it runs once per replica (or until it first succeeds), and a
                // subscriber that stops waiting does not abort it
                Schedulers.boundedElastic().schedule(() -> {
                    try {
                        fresh.complete(connect());
                    } catch (RuntimeException ex) {
                        fresh.completeExceptionally(ex);
                    }
                });
            }
            attempt = this.connecting.get();
        }
        return Mono.fromFuture(attempt, true);
    }

    private synchronized StatefulRedisPubSubConnection<String, byte[]> connect() {
        StatefulRedisPubSubConnection<String, byte[]> current = this.connection;
        if (current != null) {
            return current;
        }
        if (this.closed) {
            throw new IllegalStateException("Broker is shut down");
        }
        StatefulRedisPubSubConnection<String, byte[]> created = (this.client instanceof RedisClusterClient cluster)
                ? cluster.connectPubSub(CODEC)
                : ((RedisClient) this.client).connectPubSub(CODEC);
        created.addListener(new Dispatcher());
        this.connection = created;
        return created;
    }

    @Override
    public synchronized void close() {
        this.closed = true;
        StatefulRedisPubSubConnection<String, byte[]> current = this.connection;
        if (current != null && current.isOpen()) {
            current.close();
        }
    }

    private final class Dispatcher extends RedisPubSubAdapter<String, byte[]> {

        @Override
        public void message(String channel, byte[] message) {
            dispatch(channel, message);
        }

        @Override
        public void smessage(String shardChannel, byte[] message) {
            dispatch(shardChannel, message);
        }

        /**
         * Redis Cluster drops the shard subscriptions of a slot that moved to another node (resharding,
         * failover); subscribe again, which reaches the slot's new owner. Our own unsubscribes remove
         * the listener first, so they are not repeated.
         */
        @Override
        public void sunsubscribed(String shardChannel, long count) {
            StatefulRedisPubSubConnection<String, byte[]> current = RedisPubSub.this.connection;
            if (current != null && RedisPubSub.this.listeners.containsKey(shardChannel)) {
                logger.info("Shard channel " + shardChannel + " was unsubscribed by Redis; subscribing again");
                current.reactive()
                        .ssubscribe(shardChannel)
                        .subscribe(null, ex -> logger.warn("Could not subscribe again to " + shardChannel + ": " + ex));
            }
        }

        private void dispatch(String channel, byte[] message) {
            Consumer<byte[]> listener = RedisPubSub.this.listeners.get(channel);
            if (listener == null) {
                return; // unsubscribed while the message was in flight
            }
            try {
                listener.accept(message);
            } catch (RuntimeException ex) {
                logger.error("Publication handler of " + channel + " failed", ex);
            }
        }
    }
}
