package io.pluginio.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Subscription;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

/**
 * A real Reactor Netty WebSocket client for end-to-end tests: collects text frames, records the
 * close status, sends text frames, and can stop reading altogether (to play a slow consumer).
 */
final class TestClient implements AutoCloseable {

    static final Duration BOUND = Duration.ofSeconds(20);

    private static final CloseStatus NO_STATUS = new CloseStatus(1005);

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

    private final CompletableFuture<Void> pinged = new CompletableFuture<>();

    private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

    private final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();

    private final Disposable connection;

    private volatile Subscription inbound;

    private final CompletableFuture<WebSocketSession> session = new CompletableFuture<>();

    private TestClient(URI uri, boolean reading, int receiveBuffer) {
        this(uri, reading, receiveBuffer, new HttpHeaders());
    }

    private TestClient(URI uri, boolean reading, int receiveBuffer, HttpHeaders headers) {
        HttpClient http = HttpClient.create();
        if (receiveBuffer > 0) {
            http = http.option(ChannelOption.SO_RCVBUF, receiveBuffer);
        }
        ReactorNettyWebSocketClient client = new ReactorNettyWebSocketClient(
                http,
                () -> WebsocketClientSpec.builder()
                        .maxFramePayloadLength(1 << 20)
                        .handlePing(true));
        connection = client.execute(uri, headers, session -> {
                    this.session.complete(session);
                    session.closeStatus()
                            .doOnNext(closed::complete)
                            .doFinally(signal -> closed.complete(NO_STATUS))
                            .subscribe();
                    Sinks.Empty<Void> receiveDone = Sinks.empty();
                    session.receive()
                            .doFinally(signal -> receiveDone.tryEmitEmpty())
                            .subscribe(new BaseSubscriber<WebSocketMessage>() {
                                @Override
                                protected void hookOnSubscribe(Subscription subscription) {
                                    inbound = subscription;
                                    subscription.request(reading ? Long.MAX_VALUE : 1);
                                }

                                @Override
                                protected void hookOnNext(WebSocketMessage message) {
                                    if (message.getType() == WebSocketMessage.Type.TEXT) {
                                        frames.add(message.getPayloadAsText());
                                    } else if (message.getType() == WebSocketMessage.Type.PING) {
                                        pinged.complete(null);
                                    }
                                }
                            });
                    Mono<Void> send = session.send(outgoing.asFlux().map(session::textMessage));
                    return Mono.firstWithSignal(receiveDone.asMono(), send);
                })
                .subscribe(null, error -> closed.complete(NO_STATUS));
    }

    static TestClient connect(int port, String pathAndQuery) {
        return new TestClient(URI.create("ws://127.0.0.1:" + port + pathAndQuery), true, 0);
    }

    /** A client whose handshake carries {@code headers}. */
    static TestClient connect(int port, String pathAndQuery, HttpHeaders headers) {
        return new TestClient(URI.create("ws://127.0.0.1:" + port + pathAndQuery), true, 0, headers);
    }

    /** A client that reads its first frame only, until {@link #startReading()}; with a small socket buffer. */
    static TestClient connectWithoutReading(int port, String pathAndQuery) {
        return new TestClient(URI.create("ws://127.0.0.1:" + port + pathAndQuery), false, 8192);
    }

    /** The next text frame; fails the test if none arrives within the bound. */
    String next() {
        try {
            String frame = frames.poll(BOUND.toSeconds(), TimeUnit.SECONDS);
            if (frame == null) {
                fail("No frame within " + BOUND + "; close status: " + closed.getNow(null));
            }
            return frame;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** The next text frame if one arrives within {@code wait}, else null. */
    String poll(Duration wait) {
        try {
            return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** The close status the server sent (1005 if the connection ended without one). */
    CloseStatus closeStatus() {
        try {
            return closed.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception ex) {
            throw new AssertionError("Connection not closed within " + BOUND, ex);
        }
    }

    void assertClosedWith(int code, String reason) {
        CloseStatus status = closeStatus();
        assertThat(status.getCode()).isEqualTo(code);
        assertThat(status.getReason()).isEqualTo(reason);
    }

    /** Waits for the server's first ping; fails the test if none arrives within the bound. */
    void awaitPing() {
        try {
            pinged.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception ex) {
            throw new AssertionError("No ping within " + BOUND, ex);
        }
    }

    /** Whether the server closed the connection yet, without waiting. */
    boolean isClosed() {
        return closed.isDone();
    }

    /** Frames received so far and not yet taken. */
    int pending() {
        return frames.size();
    }

    void send(String text) {
        outgoing.tryEmitNext(text);
    }

    /** Starts the closing handshake from the client's side with {@code status}. */
    void closeWith(CloseStatus status) {
        try {
            session.get(BOUND.toSeconds(), TimeUnit.SECONDS).close(status).subscribe();
        } catch (Exception ex) {
            throw new AssertionError("Not connected within " + BOUND, ex);
        }
    }

    void startReading() {
        inbound.request(Long.MAX_VALUE);
    }

    @Override
    public void close() {
        connection.dispose();
    }
}
