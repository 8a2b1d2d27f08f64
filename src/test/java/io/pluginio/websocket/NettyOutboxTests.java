package io.pluginio.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.pluginio.channel.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.netty.NettyPipeline;

/**
 * The outbox on a real (in-memory) Netty channel: what reaches the socket, in which order, and
 * what happens when the socket stops taking writes.
 */
class NettyOutboxTests {

    /** Marks the socket full or free again, as Netty does when its write buffer crosses the water marks. */
    private static final int SOCKET_FULL = 1;

    final EmbeddedChannel channel = new EmbeddedChannel();

    final AtomicInteger overflows = new AtomicInteger();

    NettyOutbox install(int capacity) {
        channel.pipeline().addLast(NettyPipeline.ReactiveBridge, new ChannelInboundHandlerAdapter());
        return NettyOutbox.install(channel, capacity, overflows::incrementAndGet);
    }

    @Test
    void framesReachTheSocketInOrderOnTheEventLoop() {
        NettyOutbox outbox = install(8);
        assertThat(outbox.offer(frame("a"))).isTrue();
        assertThat(outbox.offer(frame("b"))).isTrue();
        assertThat(written()).as("nothing is written off the event loop").isEmpty();
        channel.runPendingTasks();
        assertThat(written()).containsExactly("a", "b");
    }

    @Test
    void aFullSocketHoldsFramesUntilItIsWritableAgain() {
        NettyOutbox outbox = install(8);
        socketFull(true);
        outbox.offer(frame("a"));
        outbox.offer(frame("b"));
        channel.runPendingTasks();
        assertThat(written()).isEmpty();
        socketFull(false);
        channel.runPendingTasks();
        assertThat(written()).containsExactly("a", "b");
        assertThat(overflows).hasValue(0);
    }

    @Test
    void oneFrameBeyondTheCapacityRunsTheOverflowOnceAndTheOutboxTakesNoMore() {
        NettyOutbox outbox = install(2);
        socketFull(true);
        assertThat(outbox.offer(frame("a"))).isTrue();
        assertThat(outbox.offer(frame("b"))).isTrue();
        assertThat(outbox.offer(frame("c"))).isFalse();
        assertThat(outbox.offer(frame("d"))).isFalse();
        assertThat(overflows).hasValue(1);
        socketFull(false);
        channel.runPendingTasks();
        assertThat(written()).as("a closing connection gets no more broadcasts").isEmpty();
    }

    @Test
    void writtenFramesFreeTheirPlaceInTheBuffer() {
        NettyOutbox outbox = install(2);
        for (int i = 0; i < 10; i++) {
            assertThat(outbox.offer(frame(String.valueOf(i)))).isTrue();
            channel.runPendingTasks();
        }
        assertThat(written()).hasSize(10);
        assertThat(overflows).hasValue(0);
    }

    @Test
    void aStoppedOutboxRefusesFramesAndDropsWhatIsQueued() {
        NettyOutbox outbox = install(8);
        outbox.offer(frame("a"));
        outbox.stop();
        assertThat(outbox.offer(frame("b"))).isFalse();
        channel.runPendingTasks();
        assertThat(written()).isEmpty();
        assertThat(overflows).hasValue(0);
    }

    @Test
    void pingGoesOutAtOnceUnlessStopped() {
        NettyOutbox outbox = install(8);
        outbox.ping();
        assertThat((Object) channel.readOutbound()).isInstanceOf(PingWebSocketFrame.class);
        outbox.stop();
        outbox.ping();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void aChannelWhosePipelineIsGoneGetsAStoppedOutbox() {
        NettyOutbox outbox = NettyOutbox.install(channel, 8, overflows::incrementAndGet);
        assertThat(outbox.offer(frame("a"))).isFalse();
        assertThat(overflows).hasValue(0);
    }

    private void socketFull(boolean full) {
        channel.unsafe().outboundBuffer().setUserDefinedWritability(SOCKET_FULL, !full);
    }

    private List<String> written() {
        List<String> texts = new ArrayList<>();
        Object message;
        while ((message = channel.readOutbound()) != null) {
            TextWebSocketFrame frame = (TextWebSocketFrame) message;
            texts.add(frame.text());
            frame.release();
        }
        return texts;
    }

    private static Frame frame(String text) {
        return new Frame(text.getBytes(StandardCharsets.UTF_8), 1, 1, "e");
    }
}
