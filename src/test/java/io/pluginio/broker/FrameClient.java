package io.pluginio.broker;

import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client of one replica: collects the text frames it receives, as JSON. */
final class FrameClient implements AutoCloseable {

    static final Duration BOUND = Duration.ofSeconds(20);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();

    private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

    private final Disposable connection;

    private FrameClient(URI uri) {
        this.connection = new ReactorNettyWebSocketClient()
                .execute(uri, session -> {
                    session.closeStatus()
                            .doOnNext(this.closed::complete)
                            .doFinally(signal -> this.closed.complete(CloseStatus.NO_STATUS_CODE))
                            .subscribe();
                    return session.receive()
                            .filter(message -> message.getType() == WebSocketMessage.Type.TEXT)
                            .doOnNext(message -> this.frames.add(JSON.readTree(message.getPayloadAsText())))
                            .then();
                })
                .subscribe(null, error -> this.closed.complete(CloseStatus.NO_STATUS_CODE));
    }

    static FrameClient connect(int port, String pathAndQuery) {
        return new FrameClient(URI.create("ws://127.0.0.1:" + port + pathAndQuery));
    }

    /** The next frame; fails the test when none arrives within {@link #BOUND}. */
    JsonNode next() {
        try {
            JsonNode frame = this.frames.poll(BOUND.toSeconds(), TimeUnit.SECONDS);
            if (frame == null) {
                fail("No frame within " + BOUND + "; close status: " + this.closed.getNow(null));
            }
            return frame;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** The next frame if one is already there. */
    JsonNode poll() {
        return this.frames.poll();
    }

    /** Completes when the connection has ended, with the server's close status (1005 if none). */
    CompletableFuture<CloseStatus> closed() {
        return this.closed;
    }

    @Override
    public void close() {
        this.connection.dispose();
    }
}
