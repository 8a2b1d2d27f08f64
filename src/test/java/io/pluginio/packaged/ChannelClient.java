package io.pluginio.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;

/** A Reactor Netty WebSocket client of a channel: keeps its text frames and its close code. */
final class ChannelClient implements AutoCloseable {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private Disposable connection = () -> {};

    private ChannelClient() {}

    static ChannelClient connect(int port, String pathAndQuery) {
        ChannelClient client = new ChannelClient();
        client.connection = HttpClient.create()
                .websocket()
                .uri("ws://127.0.0.1:" + port + pathAndQuery)
                .handle((in, out) -> {
                    in.receiveCloseStatus().subscribe(status -> client.closed.complete(status.code()));
                    return in.receive().asString().doOnNext(client.frames::add).then();
                })
                .doFinally(signal -> client.closed.complete(1006))
                .subscribe(null, error -> {});
        return client;
    }

    /** The next text frame; fails if none arrives within the bound. */
    String next() throws InterruptedException {
        String frame = frames.poll(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertThat(frame)
                .as("a frame within %s; closed: %s", BOUND, closed.getNow(null))
                .isNotNull();
        return frame;
    }

    /** The close code the server sent; fails if the connection is not closed within the bound. */
    int closeCode() throws Exception {
        return closed.get(BOUND.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        connection.dispose();
    }
}
