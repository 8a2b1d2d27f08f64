package io.pluginio.plugin;

import java.util.Objects;
import java.util.Optional;

/**
 * A WebSocket connection attempt, as handed to {@link WebSocketApi#authenticate(WebSocket)}.
 *
 * @param channel the channel name from the URL
 * @param headers the handshake's headers ({@code canvas-logged-in-user-*} headers sent by the
 *     client are removed before any plugin sees them)
 * @param apiKey the {@code api_key} query parameter; else the raw {@code Authorization} header
 *     value, with no scheme parsing; else empty
 * @param loggedInUser the session user that Spring Security resolved, else empty
 * @param secrets the plugin's own secrets
 */
public record WebSocket(
        String channel,
        Headers headers,
        Optional<String> apiKey,
        Optional<LoggedInUser> loggedInUser,
        Secrets secrets) {

    public WebSocket {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(loggedInUser, "loggedInUser");
        Objects.requireNonNull(secrets, "secrets");
    }

    @Override
    public String toString() {
        return "WebSocket[channel=" + channel + ", apiKey=" + (apiKey.isPresent() ? "present" : "absent")
                + ", loggedInUser=" + loggedInUser + "]";
    }
}
