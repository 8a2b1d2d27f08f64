package io.pluginio.plugin;

import java.util.Set;

/**
 * Decides who may connect to a plugin's WebSocket channels. Implement it on a {@link Plugin @Plugin}
 * bean.
 *
 * <p>A plugin has at most one handler per channel: a handler whose {@link #channels()} is empty
 * handles every channel of its plugin and must then be the plugin's only handler; otherwise the
 * handlers' channel sets must not overlap. Start-up fails otherwise, naming both classes.
 *
 * <p>{@link #authenticate(WebSocket)} runs on a worker thread, never on the server's event loop, so
 * it may block (look something up). It runs on every connection attempt, reconnects included:
 *
 * <ul>
 *   <li>returns {@code true}: accepted; the connection receives every later broadcast on its channel;
 *   <li>returns {@code false} or throws {@link AuthenticationException}: closed with 4403
 *       "Unauthorized";
 *   <li>throws anything else: closed with 4500 "Internal server error", logged with its stack trace.
 * </ul>
 *
 * <pre>{@code
 * @Plugin("notifications_demo")
 * class Access implements WebSocketApi {
 *     public boolean authenticate(WebSocket ws) {
 *         return ws.loggedInUser().map(LoggedInUser::isStaff).orElse(false)
 *                 || ws.apiKey().map(key -> ws.secrets().matches("ws-api-key", key)).orElse(false);
 *     }
 * }
 * }</pre>
 */
public interface WebSocketApi {

    /** Whether the connection may be accepted. */
    boolean authenticate(WebSocket websocket);

    /** The channels this handler decides for; empty, the default, means every channel of the plugin. */
    default Set<String> channels() {
        return Set.of();
    }
}
