package io.pluginio.bench.reference;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.pluginio.bench.Transport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference: the smallest Netty server that serves plugin-io's URLs. One {@link ChannelGroup}
 * per channel, {@code writeAndFlush} of {@code {"message": <body>}} to the group. No history, no
 * per-connection buffer bound, no security chain beyond comparing the API key: it is the floor
 * plugin-io is measured against, not a product.
 *
 * <ul>
 *   <li>{@code GET /plugin-io/ws/<plugin>/<channel>/?api_key=<key>}: WebSocket upgrade onto
 *       {@code <channel>}; a wrong key gets 403.
 *   <li>{@code POST /plugin-io/api/<plugin>/callback} ({@code Authorization: <key>}): broadcasts the
 *       body to {@code notifications}, answers 202.
 *   <li>{@code POST /plugin-io/api/<plugin>/channels/<channel>}: broadcasts the body to
 *       {@code <channel>}, answers 202.
 * </ul>
 */
public final class ReferenceServer implements AutoCloseable {

    private static final String WS_PREFIX = "/plugin-io/ws/";
    private static final String API_PREFIX = "/plugin-io/api/";
    private static final byte[] MESSAGE_OPEN = "{\"message\": ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACCEPTED = "{\"status\":\"ok\"}".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, ChannelGroup> groups = new ConcurrentHashMap<>();
    private final byte[] key;
    private final EventLoopGroup boss = Transport.group(1);
    private final EventLoopGroup workers;
    private final Channel server;

    private ReferenceServer(String host, int port, String key, int threads) throws InterruptedException {
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.workers = Transport.group(threads);
        this.server = new ServerBootstrap()
                .group(boss, workers)
                .channel(Transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(64 * 1024))
                                .addLast(new HttpHandler());
                    }
                })
                .bind(host, port)
                .sync()
                .channel();
    }

    /** Starts on {@code host:port} (port 0 picks one) with {@code threads} event loops (0: default). */
    public static ReferenceServer start(String host, int port, String key, int threads) throws InterruptedException {
        return new ReferenceServer(host, port, key, threads);
    }

    public int port() {
        return ((java.net.InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        boss.shutdownGracefully();
        workers.shutdownGracefully();
    }

    /** {@code reference-server --port P --key K [--host H] [--threads T]}: runs until killed. */
    public static void main(String[] args) throws Exception {
        io.pluginio.bench.Options options = io.pluginio.bench.Options.parse(List.of(args));
        ReferenceServer server = start(
                options.string("host", "127.0.0.1"),
                options.integer("port", 8090),
                options.string("key", "k"),
                options.integer("threads", 0));
        System.out.println("reference server listening on " + server.port() + " (" + Transport.name() + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        server.server.closeFuture().sync();
    }

    private boolean keyMatches(String presented) {
        return presented != null && MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8));
    }

    private void broadcast(String channel, ByteBuf body) {
        ChannelGroup group = groups.get(channel);
        if (group == null || group.isEmpty()) {
            return;
        }
        CompositeByteBuf frame = Unpooled.compositeBuffer(3);
        frame.addComponents(
                true, Unpooled.wrappedBuffer(MESSAGE_OPEN), body.retain(), Unpooled.wrappedBuffer(new byte[] {'}'}));
        group.writeAndFlush(new TextWebSocketFrame(frame));
    }

    private final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            String path = uri.path();
            if (request.method() == HttpMethod.GET && path.startsWith(WS_PREFIX)) {
                upgrade(ctx, request, uri);
            } else if (request.method() == HttpMethod.POST && path.startsWith(API_PREFIX)) {
                publish(ctx, request, path.substring(API_PREFIX.length()));
            } else {
                respond(ctx, request, HttpResponseStatus.NOT_FOUND, null);
            }
        }

        private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
            // <plugin>/<channel>/
            String[] parts = uri.path().substring(WS_PREFIX.length()).split("/");
            List<String> keys = uri.parameters().get("api_key");
            if (parts.length != 2 || parts[1].isEmpty()) {
                respond(ctx, request, HttpResponseStatus.NOT_FOUND, null);
                return;
            }
            if (keys == null || !keyMatches(keys.get(0))) {
                respond(ctx, request, HttpResponseStatus.FORBIDDEN, null);
                return;
            }
            WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                            "ws://" + request.headers().get(HttpHeaderNames.HOST) + uri.path(), null, false)
                    .newHandshaker(request);
            if (handshaker == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                return;
            }
            Channel channel = ctx.channel();
            handshaker.handshake(channel, request).addListener((ChannelFutureListener) done -> {
                if (done.isSuccess()) {
                    ctx.pipeline().replace(this, "ws", new FrameHandler(handshaker));
                    groups.computeIfAbsent(parts[1], name -> new DefaultChannelGroup(name, GlobalEventExecutor.INSTANCE))
                            .add(channel);
                }
            });
        }

        private void publish(ChannelHandlerContext ctx, FullHttpRequest request, String route) {
            // <plugin>/callback or <plugin>/channels/<channel>
            int slash = route.indexOf('/');
            String rest = slash < 0 ? "" : route.substring(slash + 1);
            String channel;
            if (rest.equals("callback")) {
                channel = "notifications";
            } else if (rest.startsWith("channels/") && rest.length() > "channels/".length()) {
                channel = rest.substring("channels/".length());
            } else {
                respond(ctx, request, HttpResponseStatus.NOT_FOUND, null);
                return;
            }
            if (!keyMatches(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
                respond(ctx, request, HttpResponseStatus.UNAUTHORIZED, null);
                return;
            }
            broadcast(channel, request.content());
            respond(ctx, request, HttpResponseStatus.ACCEPTED, ACCEPTED);
        }

        private void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, byte[] body) {
            FullHttpResponse response = new DefaultFullHttpResponse(
                    request.protocolVersion(),
                    status,
                    body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            if (body != null) {
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    private static final class FrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

        private final WebSocketServerHandshaker handshaker;

        FrameHandler(WebSocketServerHandshaker handshaker) {
            this.handshaker = handshaker;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof CloseWebSocketFrame) {
                handshaker.close(ctx.channel(), (CloseWebSocketFrame) frame.retain());
            } else if (frame instanceof PingWebSocketFrame) {
                ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
            }
            // text from clients is ignored, as the service ignores it
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

}
