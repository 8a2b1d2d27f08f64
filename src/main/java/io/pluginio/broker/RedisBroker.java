package io.pluginio.broker;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisElementReader;
import org.springframework.data.redis.serializer.RedisElementWriter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The broker for several replicas: Redis keeps each channel's offset, epoch and bounded history,
 * and Redis pub/sub carries publications to the replicas subscribed to the channel.
 *
 * <p>A publish is one Lua script, so offset assignment, history append and fan-out are atomic and
 * publications reach subscribers in offset order. A channel's keys share one cluster hash slot:
 * {@code plugin-io:{<plugin>/<channel>}:meta} (hash: {@code o} last offset, {@code e} epoch),
 * {@code ...:history} (stream of {@code o}, {@code t} publishedAt, {@code d} message, trimmed by
 * count and age) and the pub/sub channel {@code ...:pubsub}. A publication travels as
 * {@code <offset>:<epoch>:<publishedAt>:<message bytes>}, built once by the script.
 *
 * <p>When Redis cannot be reached, every operation fails within the publish timeout with {@link
 * BrokerUnavailableException}; the outage is logged once when it starts and once when it ends.
 */
final class RedisBroker implements Broker, AutoCloseable {

    private static final Log logger = LogFactory.getLog(RedisBroker.class);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> PUBLISH =
            RedisScript.of(new ClassPathResource("io/pluginio/broker/publish.lua"), List.class);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> READ =
            RedisScript.of(new ClassPathResource("io/pluginio/broker/read.lua"), List.class);

    private static final RedisElementWriter<Object> ARGUMENT_WRITER = RedisBroker::writeArgument;

    private static final RedisElementReader<Object> RESULT_READER = RedisBroker::readResult;

    private final ReactiveRedisTemplate<String, byte[]> redis;

    private final RedisPubSub pubSub;

    private final RedisOutageLog outage;

    private final int historySize;

    private final Duration historyTtl;

    private final Duration metaTtl;

    private final Duration timeout;

    RedisBroker(
            ReactiveRedisTemplate<String, byte[]> redis,
            RedisPubSub pubSub,
            RedisOutageLog outage,
            RedisBrokerProperties properties,
            HistoryProperties history) {
        this.redis = redis;
        this.pubSub = pubSub;
        this.outage = outage;
        this.historySize = history.size();
        this.historyTtl = history.ttl();
        this.metaTtl = properties.metaTtl();
        this.timeout = properties.publishTimeout();
    }

    @Override
    public Mono<StreamPosition> publish(ChannelKey channel, byte[] message) {
        return Mono.defer(() -> {
                    List<Object> arguments = List.of(
                            pubSubChannel(channel),
                            message,
                            this.historySize,
                            this.historyTtl.toMillis(),
                            this.metaTtl.toMillis(),
                            newEpoch(),
                            System.currentTimeMillis(),
                            this.pubSub.isSharded() ? "SPUBLISH" : "PUBLISH");
                    return execute(PUBLISH, channel, arguments);
                })
                .map(result -> new StreamPosition(Long.parseLong(text(result.get(0))), text(result.get(1))))
                .transform(mono -> guard(mono, "publish"));
    }

    @Override
    public Mono<History> history(ChannelKey channel, StreamPosition since) {
        return read(channel, since.offset(), since.epoch()).map(result -> history(channel, since, result));
    }

    @Override
    public Mono<StreamPosition> position(ChannelKey channel) {
        return read(channel, -1, "").map(RedisBroker::position);
    }

    @Override
    public Mono<Void> subscribe(ChannelKey channel, PublicationHandler handler) {
        return this.pubSub
                .subscribe(pubSubChannel(channel), payload -> {
                    Publication publication = decode(channel, payload);
                    if (publication != null) {
                        handler.onPublication(publication);
                    }
                })
                .transform(mono -> guard(mono, "subscribe"));
    }

    @Override
    public Mono<Void> unsubscribe(ChannelKey channel) {
        return this.pubSub.unsubscribe(pubSubChannel(channel)).transform(mono -> guard(mono, "unsubscribe"));
    }

    /**
     * True when Redis answers a PING within the publish timeout and the subscription connection, if
     * opened yet, is up; never fails.
     */
    Mono<Boolean> isAvailable() {
        return this.redis
                .execute(connection -> connection.ping())
                .next()
                .transform(mono -> guard(mono, "ping"))
                .map(pong -> this.pubSub.isConnected())
                .onErrorReturn(BrokerUnavailableException.class, false);
    }

    boolean isSharded() {
        return this.pubSub.isSharded();
    }

    @Override
    public void close() {
        this.outage.shutDown();
        this.pubSub.close();
    }

    private Mono<List<Object>> read(ChannelKey channel, long since, String epoch) {
        List<Object> arguments = List.of(since, epoch, this.historyTtl.toMillis(), this.metaTtl.toMillis(), newEpoch());
        return Mono.defer(() -> execute(READ, channel, arguments)).transform(mono -> guard(mono, "read"));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private Mono<List<Object>> execute(RedisScript<List> script, ChannelKey channel, List<Object> arguments) {
        String prefix = "plugin-io:{" + channel + "}:";
        // the reader reads each element of the multi-bulk reply, whatever the script's declared type
        RedisElementReader<List> reader = (RedisElementReader) RESULT_READER;
        Flux<List> reply = this.redis.execute(
                script, List.of(prefix + "meta", prefix + "history"), arguments, ARGUMENT_WRITER, reader);
        return reply.collectList().map(RedisBroker::flatten);
    }

    private <T> Mono<T> guard(Mono<T> operation, String what) {
        return operation
                .timeout(this.timeout)
                .doOnSuccess(result -> this.outage.available(what + " succeeded"))
                .onErrorMap(ex -> !(ex instanceof BrokerUnavailableException), ex -> {
                    this.outage.unavailable(what + " failed", ex);
                    return new BrokerUnavailableException("Redis is unavailable", ex);
                });
    }

    private static History history(ChannelKey channel, StreamPosition since, List<Object> result) {
        StreamPosition position = position(result);
        List<Publication> publications = new ArrayList<>((result.size() - 2) / 3);
        for (int i = 2; i + 2 < result.size(); i += 3) {
            publications.add(new Publication(
                    channel,
                    Long.parseLong(text(result.get(i))),
                    position.epoch(),
                    (byte[]) result.get(i + 2),
                    Long.parseLong(text(result.get(i + 1)))));
        }
        long missed = position.offset() - since.offset();
        boolean recovered = position.epoch().equals(since.epoch())
                && missed >= 0
                && publications.size() == missed
                && (missed == 0 || publications.get(0).offset() == since.offset() + 1);
        return new History(recovered, position, recovered ? publications : List.of());
    }

    private static StreamPosition position(List<Object> result) {
        return new StreamPosition(Long.parseLong(text(result.get(0))), text(result.get(1)));
    }

    /** Parses {@code <offset>:<epoch>:<publishedAt>:<message>}; null (and a log line) if malformed. */
    static @Nullable Publication decode(ChannelKey channel, byte[] payload) {
        int first = indexOf(payload, 0);
        int second = (first < 0) ? -1 : indexOf(payload, first + 1);
        int third = (second < 0) ? -1 : indexOf(payload, second + 1);
        if (third < 0) {
            logger.warn("Dropped a malformed publication on " + channel);
            return null;
        }
        try {
            return new Publication(
                    channel,
                    Long.parseLong(ascii(payload, 0, first)),
                    ascii(payload, first + 1, second),
                    Arrays.copyOfRange(payload, third + 1, payload.length),
                    Long.parseLong(ascii(payload, second + 1, third)));
        } catch (IllegalArgumentException ex) {
            logger.warn("Dropped a malformed publication on " + channel);
            return null;
        }
    }

    static String pubSubChannel(ChannelKey channel) {
        return "plugin-io:{" + channel + "}:pubsub";
    }

    private static int indexOf(byte[] payload, int from) {
        for (int i = from; i < payload.length; i++) {
            if (payload[i] == ':') {
                return i;
            }
        }
        return -1;
    }

    private static String ascii(byte[] payload, int from, int to) {
        return new String(payload, from, to - from, StandardCharsets.US_ASCII);
    }

    private static String newEpoch() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static List<Object> flatten(List<?> result) {
        // depending on the driver, a multi-bulk script reply arrives as one list or as its elements
        if (result.size() == 1 && result.get(0) instanceof List<?> inner) {
            return new ArrayList<>(inner);
        }
        return new ArrayList<>(result);
    }

    private static String text(Object value) {
        return (value instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    private static ByteBuffer writeArgument(@Nullable Object argument) {
        if (argument instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes);
        }
        return ByteBuffer.wrap(String.valueOf(argument).getBytes(StandardCharsets.UTF_8));
    }

    private static Object readResult(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
