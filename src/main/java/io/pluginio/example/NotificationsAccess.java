package io.pluginio.example;

import io.pluginio.plugin.LoggedInUser;
import io.pluginio.plugin.Plugin;
import io.pluginio.plugin.WebSocket;
import io.pluginio.plugin.WebSocketApi;

/** Lets Staff sessions, and clients whose API key equals secret {@code ws-api-key}, connect. */
@Plugin("notifications_demo")
class NotificationsAccess implements WebSocketApi {

    @Override
    public boolean authenticate(WebSocket websocket) {
        boolean staff = websocket.loggedInUser().map(LoggedInUser::isStaff).orElse(false);
        return staff
                || websocket
                        .apiKey()
                        .map(key -> websocket.secrets().matches("ws-api-key", key))
                        .orElse(false);
    }
}
