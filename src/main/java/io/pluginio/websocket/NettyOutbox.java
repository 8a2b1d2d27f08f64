package io.pluginio.websocket;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.pluginio.channel.Frame;
import io.pluginio.channel.FrameSink;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.netty.NettyPipeline;
import reactor.util.concurrent.Queues;

/**
 * A connection's send buffer, written straight to its Netty channel. The channel hub queues frames
 * here (bounded, lock-free) from the broker's thread; the connection's event loop drains them in
 * batches, writing each and flushing once, for as long as the socket is writable. When it is not,
 * draining waits for Netty's writability event. A client that does not read fills the socket,
 * then this buffer; one frame more runs the overflow action (the handler closes with 4508) and the
 * buffer takes no more.
 *
 * <p>Why not {@code WebSocketSession.send(Flux)}: per frame and per connection that path runs a
 * dozen Reactor operators, Spring's message conversion, a lock-based queue and a second queue in
 * Reactor Netty's sender. Measured with the {@code bench/} fan-out scenario, it cost about twice
 * the CPU per delivery of a raw Netty server; see {@code docs/benchmarks.md}. The control frames
 * (close) still go through the session, on the same event loop, after {@link #stop()}.
 */
final class NettyOutbox extends ChannelInboundHandlerAdapter implements FrameSink {

    private static final String HANDLER_NAME = "pluginio.outbox";

    private final Channel channel;

    private final int capacity;

    private final Runnable onOverflow;

    private final Queue<Frame> queue = Queues.<Frame>unboundedMultiproducer().get();

    /** Frames offered and not yet written: what the capacity bounds. */
    private final AtomicInteger queued = new AtomicInteger();

    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    /** A write to a connection that is going away fails; the receive side notices it, so no event. */
    private final ChannelPromise ignoreFailure;

    private final Runnable drain = this::drain;

    private volatile boolean stopped;

    private NettyOutbox(Channel channel, int capacity, Runnable onOverflow) {
        this.channel = channel;
        this.capacity = capacity;
        this.onOverflow = onOverflow;
        this.ignoreFailure = new VoidChannelPromise(channel, false);
    }

    /**
     * A buffer of {@code capacity} frames for {@code channel}, listening to its writability.
     *
     * @param onOverflow runs once, on the offering thread, when a frame does not fit
     */
    static NettyOutbox install(Channel channel, int capacity, Runnable onOverflow) {
        NettyOutbox outbox = new NettyOutbox(channel, capacity, onOverflow);
        try {
            channel.pipeline().addBefore(NettyPipeline.ReactiveBridge, HANDLER_NAME, outbox);
        } catch (NoSuchElementException ex) {
            // The connection is already gone and its pipeline torn down: nothing will be written.
            outbox.stop();
        }
        return outbox;
    }

    @Override
    public boolean offer(Frame frame) {
        if (stopped) {
            return false;
        }
        if (queued.incrementAndGet() > capacity) {
            stop();
            onOverflow.run();
            return false;
        }
        queue.offer(frame);
        scheduleDrain();
        return true;
    }

    /** Sends a ping now, ahead of queued frames; proxies then see traffic on an idle connection. */
    void ping() {
        if (!stopped) {
            channel.writeAndFlush(new PingWebSocketFrame(), ignoreFailure);
        }
    }

    /** Writes nothing more: the connection is being closed. What is still queued is dropped. */
    void stop() {
        stopped = true;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        if (context.channel().isWritable()) {
            drain();
        }
        context.fireChannelWritabilityChanged();
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(drain);
            } catch (RejectedExecutionException ex) {
                // The server is shutting down its event loops: the connection goes with them.
                stop();
            }
        }
    }

    /** Writes what is queued while the socket is writable; on the connection's event loop only. */
    private void drain() {
        // Cleared first: a frame offered from now on schedules another drain, so none is left behind.
        drainScheduled.set(false);
        boolean written = false;
        Frame frame;
        while (!stopped && channel.isWritable() && (frame = queue.poll()) != null) {
            queued.decrementAndGet();
            // wrap: the frame's bytes are shared by every connection, never copied here.
            channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame.bytes())), ignoreFailure);
            written = true;
        }
        if (written) {
            channel.flush();
        }
    }
}
