package io.pluginio.security;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** Real WebSocket clients for handshakes against the running server. */
final class WebSocketClients {

    private WebSocketClients() {}

    /**
     * Opens {@code path} on {@code port} with {@code headers} and returns the first text frame,
     * or, when the server refuses the handshake, {@code "HTTP <status>"}.
     */
    static String firstFrame(int port, String path, Consumer<HttpHeaders> headers) {
        return HttpClient.create()
                .headers(headers)
                .websocket()
                .uri("ws://127.0.0.1:" + port + path)
                .handle((in, out) -> in.receive().asString().next())
                .next()
                .onErrorResume(
                        WebSocketClientHandshakeException.class,
                        ex -> Mono.just("HTTP " + ex.response().status().code()))
                .block(Duration.ofSeconds(10));
    }

    /**
     * Opens {@code path} and tells how it went: {@code "frame:<text>"} for the first text frame,
     * {@code "close:<code>"} when the server closed without sending one, {@code "HTTP <status>"}
     * when it refused the handshake.
     */
    static String outcome(int port, String path, Consumer<HttpHeaders> headers) {
        return HttpClient.create()
                .headers(headers)
                .websocket()
                .uri("ws://127.0.0.1:" + port + path)
                .handle((in, out) -> in.receive()
                        .asString()
                        .next()
                        .map(text -> "frame:" + text)
                        .switchIfEmpty(in.receiveCloseStatus().map(status -> "close:" + status.code())))
                .next()
                .onErrorResume(
                        WebSocketClientHandshakeException.class,
                        ex -> Mono.just("HTTP " + ex.response().status().code()))
                .block(Duration.ofSeconds(10));
    }

    /**
     * Like {@link #firstFrame} with the JDK's client, which, unlike Netty's, sends no {@code
     * Origin} header: a non-browser client.
     */
    static String firstFrameWithoutOrigin(int port, String path, String cookie) {
        CompletableFuture<String> frame = new CompletableFuture<>();
        java.net.http.WebSocket.Listener listener = new java.net.http.WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(java.net.http.WebSocket socket, CharSequence data, boolean last) {
                frame.complete(data.toString());
                return null;
            }
        };
        try {
            java.net.http.HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .header("Cookie", cookie)
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + path), listener)
                    .exceptionally(ex -> {
                        frame.complete(
                                ex.getCause() instanceof WebSocketHandshakeException handshake
                                        ? "HTTP " + handshake.getResponse().statusCode()
                                        : "failed: " + ex);
                        return null;
                    });
            return frame.get(10, TimeUnit.SECONDS);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Opens {@code path} and keeps the connection open until {@link Held#close()}. */
    static Held hold(int port, String path) {
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        Disposable connection = HttpClient.create()
                .websocket()
                .uri("ws://127.0.0.1:" + port + path)
                .handle((in, out) -> in.receive().asString().doOnNext(frames::add))
                .subscribe(null, error -> {});
        return new Held(frames, connection);
    }

    /** A connection opened by {@link #hold}. */
    record Held(BlockingQueue<String> frames, Disposable connection) implements AutoCloseable {

        /** The next text frame; fails if none comes within 10 seconds. */
        String nextFrame() throws InterruptedException {
            String frame = frames.poll(10, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within 10 seconds");
            }
            return frame;
        }

        @Override
        public void close() {
            connection.dispose();
        }
    }
}
