package io.pluginio.security;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import java.time.Duration;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** A real WebSocket client (Reactor Netty) for handshakes against the running server. */
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
}
