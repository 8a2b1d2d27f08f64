package com.example.hello;

import io.pluginio.plugin.Plugin;
import io.pluginio.plugin.WebSocket;
import io.pluginio.plugin.WebSocketApi;
import java.util.Set;

/**
 * {@code /plugin-io/ws/hello/lobby/}: open to clients whose API key equals the secret {@code
 * ws-api-key}.
 */
@Plugin("hello")
class HelloChannels implements WebSocketApi {

    @Override
    public boolean authenticate(WebSocket websocket) {
        return websocket
                .apiKey()
                .map(key -> websocket.secrets().matches("ws-api-key", key))
                .orElse(false);
    }

    @Override
    public Set<String> channels() {
        return Set.of("lobby");
    }
}
