package io.pluginio.websocket;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits and timings of the WebSocket endpoint ({@code plugin-io.websocket.*}).
 *
 * @param maxConnections most open connections on this replica, counting those still
 *     authenticating; default 10000. One more is closed with 4429. Zero means no limit.
 * @param sendBufferSize most broadcast frames waiting for one slow connection, in messages;
 *     default 1024 (frames are shared between connections, so a waiting frame costs a reference).
 *     One more closes that connection with 4508 "Too slow".
 * @param pingInterval how often the server pings each connection so that proxies do not drop idle
 *     ones; default 25 seconds (below the usual 30 to 60 second proxy idle timeouts). Zero disables.
 * @param unsubscribeGrace how long a channel stays subscribed at the broker after its last local
 *     connection left, so that a reconnect causes no churn; default 5 seconds. Zero releases at once.
 * @param authenticateTimeout how long a plugin's {@code authenticate} may take; default 10 seconds.
 *     Longer is treated as a failure: 4500 "Internal server error".
 * @param closeTimeout how long the server waits for a client to answer its close frame before it
 *     aborts the TCP connection; default 5 seconds. A client that never reads cannot receive the
 *     close frame at all, so it is cut off after this time.
 * @param maxFrameSize largest frame a client may send; default 64KB. A larger one closes the
 *     connection with 1009 (protocol level, sent by Netty).
 * @param maxClientMessages most frames a client may send within {@code clientMessageWindow};
 *     default 50. One more closes the connection with 4429 "Too many messages". Clients send a
 *     keep-alive every few seconds at most, so only a flood reaches this.
 * @param clientMessageWindow the window of {@code maxClientMessages}; default 10 seconds
 */
@ConfigurationProperties("plugin-io.websocket")
public record WebSocketProperties(
        @DefaultValue("10000") int maxConnections,
        @DefaultValue("1024") int sendBufferSize,
        @DefaultValue("25s") Duration pingInterval,
        @DefaultValue("5s") Duration unsubscribeGrace,
        @DefaultValue("10s") Duration authenticateTimeout,
        @DefaultValue("5s") Duration closeTimeout,
        @DefaultValue("64KB") DataSize maxFrameSize,
        @DefaultValue("50") int maxClientMessages,
        @DefaultValue("10s") Duration clientMessageWindow) {

    public WebSocketProperties {
        if (maxConnections < 0) {
            throw new IllegalArgumentException("plugin-io.websocket.max-connections must not be negative");
        }
        if (sendBufferSize < 1) {
            throw new IllegalArgumentException("plugin-io.websocket.send-buffer-size must be positive");
        }
        if (maxClientMessages < 1) {
            throw new IllegalArgumentException("plugin-io.websocket.max-client-messages must be positive");
        }
        if (pingInterval.isNegative() || unsubscribeGrace.isNegative()) {
            throw new IllegalArgumentException(
                    "plugin-io.websocket.ping-interval and unsubscribe-grace must not be negative");
        }
        if (clientMessageWindow.isZero() || clientMessageWindow.isNegative()) {
            throw new IllegalArgumentException("plugin-io.websocket.client-message-window must be positive");
        }
        if (authenticateTimeout.isZero() || authenticateTimeout.isNegative()) {
            throw new IllegalArgumentException("plugin-io.websocket.authenticate-timeout must be positive");
        }
        if (closeTimeout.isZero() || closeTimeout.isNegative()) {
            throw new IllegalArgumentException("plugin-io.websocket.close-timeout must be positive");
        }
        if (maxFrameSize.toBytes() < 125 || maxFrameSize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("plugin-io.websocket.max-frame-size must be between 125B and 2GB");
        }
    }
}
