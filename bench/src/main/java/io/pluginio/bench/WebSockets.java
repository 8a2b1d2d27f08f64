package io.pluginio.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens WebSocket client connections, spreading them over several loopback source addresses so
 * that more than one address's worth of ephemeral ports (about 28,000) can be held.
 */
public final class WebSockets implements AutoCloseable {

    /** Receives every text frame of one connection, on that connection's event loop. */
    public interface FrameListener {
        void onText(ByteBuf content);
    }

    private static final AttributeKey<CompletableFuture<Channel>> HANDSHAKE = AttributeKey.valueOf("handshake");
    private static final AttributeKey<FrameListener> LISTENER = AttributeKey.valueOf("listener");
    private static final FrameListener IGNORE = content -> {};

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final List<InetAddress> sources;
    private final AtomicInteger next = new AtomicInteger();
    private final int handshakeTimeoutMillis;

    /**
     * @param threads event loops of the generator (0: Netty's default)
     * @param sources source addresses 127.0.0.2 .. 127.0.0.(1+sources); zero means let the kernel
     *     choose (127.0.0.1 only)
     */
    public WebSockets(int threads, int sources, int handshakeTimeoutMillis) {
        this.group = Transport.group(threads);
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        this.sources = new ArrayList<>();
        try {
            for (int i = 0; i < sources; i++) {
                addSource(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i)}));
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
        this.bootstrap = Transport.noPortOnBind(new Bootstrap())
                .group(group)
                .channel(Transport.socketChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, handshakeTimeoutMillis)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpClientCodec())
                                .addLast(new HttpObjectAggregator(8192))
                                .addLast(new WebSocketClientProtocolHandler(config(ch)))
                                .addLast(new Frames());
                    }
                });
    }

    private void addSource(InetAddress address) {
        sources.add(address);
    }

    public EventLoopGroup group() {
        return group;
    }

    private WebSocketClientProtocolConfig config(Channel ch) {
        return WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(ch.attr(URI_KEY).get())
                .handshakeTimeoutMillis(handshakeTimeoutMillis)
                .absoluteUpgradeUrl(false)
                .maxFramePayloadLength(1 << 20)
                .build();
    }

    private static final AttributeKey<URI> URI_KEY = AttributeKey.valueOf("uri");

    /**
     * Connects to {@code ws://<target><pathAndQuery>}; completes with the channel once the upgrade
     * succeeded, exceptionally if it did not.
     */
    public CompletableFuture<Channel> connect(InetSocketAddress target, String pathAndQuery, FrameListener listener) {
        CompletableFuture<Channel> handshake = new CompletableFuture<>();
        URI uri = URI.create("ws://" + target.getHostString() + ":" + target.getPort() + pathAndQuery);
        Bootstrap b = bootstrap.clone()
                .attr(URI_KEY, uri)
                .attr(HANDSHAKE, handshake)
                .attr(LISTENER, listener == null ? IGNORE : listener);
        ChannelFuture connect = sources.isEmpty()
                ? b.connect(target)
                : b.connect(target, new InetSocketAddress(sources.get(Math.floorMod(next.getAndIncrement(), sources.size())), 0));
        connect.addListener(done -> {
            if (!done.isSuccess()) {
                handshake.completeExceptionally(done.cause());
            }
        });
        return handshake;
    }

    @Override
    public void close() {
        group.shutdownGracefully().syncUninterruptibly();
    }

    private static final class Frames extends SimpleChannelInboundHandler<Object> {

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                ctx.channel().attr(HANDSHAKE).get().complete(ctx.channel());
            } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                ctx.channel().attr(HANDSHAKE).get().completeExceptionally(new IllegalStateException("handshake timeout"));
                ctx.close();
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame frame) {
                ctx.channel().attr(LISTENER).get().onText(frame.content());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            ctx.channel().attr(HANDSHAKE).get().completeExceptionally(new IllegalStateException("closed"));
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.channel().attr(HANDSHAKE).get().completeExceptionally(cause);
            ctx.close();
        }
    }
}
