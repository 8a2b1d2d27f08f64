package io.pluginio.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;

/**
 * One publisher: a keep-alive HTTP connection POSTing {@code {"p":id,"s":seq,"t":nanos}} at a fixed
 * rate, one request in flight (the next waits for the answer, so a slow server lowers the achieved
 * rate rather than piling requests up). Remembers which sequence numbers were accepted (2xx) and
 * on which channel, for the receivers' loss check.
 */
final class Publisher {

    private static final long REQUEST_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    final int id;
    private final InetSocketAddress target;
    private final List<String> paths;
    private final String key;
    private final String padding;
    private final long intervalNanos;
    private final Recorder requestLatency;
    private final SplittableRandom random;

    /** accepted[channel] holds the sequence numbers the server accepted for that channel. */
    final BitSet[] accepted;

    private Channel channel;
    private volatile boolean stopped;
    private long firstDue;
    private long sent;
    private long inFlightSeq = -1;
    private int inFlightChannel;
    private long inFlightSince;
    private ScheduledFuture<?> timeout;
    long errors;
    long acceptedCount;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    Publisher(
            int id,
            InetSocketAddress target,
            List<String> paths,
            String key,
            int payloadBytes,
            double ratePerSecond,
            Recorder requestLatency,
            long seed) {
        this.id = id;
        this.target = target;
        this.paths = paths;
        this.key = key;
        this.padding = "x".repeat(Math.max(0, payloadBytes));
        this.intervalNanos = (long) (1e9 / ratePerSecond);
        this.requestLatency = requestLatency;
        this.random = new SplittableRandom(seed);
        this.accepted = new BitSet[paths.size()];
        for (int i = 0; i < accepted.length; i++) {
            accepted[i] = new BitSet();
        }
    }

    void connect(EventLoopGroup group) throws InterruptedException {
        channel = new Bootstrap()
                .group(group)
                .channel(Transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpClientCodec())
                                .addLast(new HttpObjectAggregator(64 * 1024))
                                .addLast(new Responses());
                    }
                })
                .connect(target)
                .sync()
                .channel();
    }

    /** Starts publishing, the first request after {@code delayNanos} (staggers publishers). */
    void start(long delayNanos) {
        channel.eventLoop().execute(() -> {
            firstDue = System.nanoTime() + delayNanos;
            scheduleNext();
        });
    }

    /** Stops after the request in flight; completes when that one is answered. */
    CompletableFuture<Void> stop() {
        stopped = true;
        channel.eventLoop().execute(() -> {
            if (inFlightSeq < 0) {
                done.complete(null);
            }
        });
        return done;
    }

    void close() {
        channel.close();
    }

    long sent() {
        return sent;
    }

    private void scheduleNext() {
        if (stopped) {
            done.complete(null);
            return;
        }
        long due = firstDue + sent * intervalNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            channel.eventLoop().schedule(this::send, wait, TimeUnit.NANOSECONDS);
        } else {
            send();
        }
    }

    private void send() {
        if (stopped) {
            done.complete(null);
            return;
        }
        long seq = sent++;
        int ch = paths.size() == 1 ? 0 : random.nextInt(paths.size());
        long now = System.nanoTime();
        String body = padding.isEmpty()
                ? "{\"p\":" + id + ",\"s\":" + seq + ",\"t\":" + now + "}"
                : "{\"p\":" + id + ",\"s\":" + seq + ",\"t\":" + now + ",\"x\":\"" + padding + "\"}";
        ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        FullHttpRequest request =
                new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, paths.get(ch), content);
        request.headers()
                .set(HttpHeaderNames.HOST, target.getHostString() + ":" + target.getPort())
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
                .set(HttpHeaderNames.AUTHORIZATION, key);
        inFlightSeq = seq;
        inFlightChannel = ch;
        inFlightSince = now;
        timeout = channel.eventLoop().schedule(this::timedOut, REQUEST_TIMEOUT_NANOS, TimeUnit.NANOSECONDS);
        channel.writeAndFlush(request);
    }

    private void timedOut() {
        // no answer: count it and give up on this connection rather than pile up requests
        errors++;
        inFlightSeq = -1;
        stopped = true;
        done.complete(null);
        channel.close();
    }

    private void answered(int status) {
        if (inFlightSeq < 0) {
            return;
        }
        timeout.cancel(false);
        requestLatency.recordValue(Math.max(0, (System.nanoTime() - inFlightSince) / 1000));
        if (status >= 200 && status < 300) {
            accepted[inFlightChannel].set((int) inFlightSeq);
            acceptedCount++;
        } else {
            errors++;
            if (errors <= 3) {
                System.err.println("publisher " + id + ": HTTP " + status);
            }
        }
        inFlightSeq = -1;
        scheduleNext();
    }

    private final class Responses extends SimpleChannelInboundHandler<FullHttpResponse> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            answered(response.status().code());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (inFlightSeq >= 0) {
                timeout.cancel(false);
                errors++;
                inFlightSeq = -1;
            }
            stopped = true;
            done.complete(null);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
