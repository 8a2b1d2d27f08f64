package io.pluginio.web;

import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real WebSocket client on one channel, subscribed before it is returned: it asks for the
 * position frame ({@code since=latest}) and waits for it, so every broadcast accepted afterwards
 * reaches it.
 */
final class ChannelListener implements AutoCloseable {

    static final Duration BOUND = Duration.ofSeconds(20);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

    private final Disposable connection;

    private ChannelListener(int port, String plugin, String channel) {
        URI uri = URI.create("ws://127.0.0.1:" + port + "/plugin-io/ws/" + plugin + "/" + channel + "/?since=latest");
        connection = new ReactorNettyWebSocketClient()
                .execute(
                        uri,
                        session -> session.receive()
                                .filter(message -> message.getType() == WebSocketMessage.Type.TEXT)
                                .doOnNext(message -> frames.add(message.getPayloadAsText()))
                                .then())
                .subscribe();
        JsonNode position = frame();
        if (!position.has("recovered")) {
            fail("Expected the position frame first, got " + position);
        }
    }

    static ChannelListener listen(int port, String plugin, String channel) {
        return new ChannelListener(port, plugin, channel);
    }

    /** The {@code message} of the next broadcast; fails if none arrives within the bound. */
    JsonNode nextMessage() {
        return frame().get("message");
    }

    private JsonNode frame() {
        try {
            String frame = frames.poll(BOUND.toSeconds(), TimeUnit.SECONDS);
            if (frame == null) {
                fail("No frame within " + BOUND);
            }
            return JSON.readTree(frame);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() {
        connection.dispose();
    }
}
