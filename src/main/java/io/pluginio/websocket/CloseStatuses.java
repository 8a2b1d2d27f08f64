package io.pluginio.websocket;

import org.springframework.web.reactive.socket.CloseStatus;

/**
 * The close codes of plugin-io (SPEC 3.4), with the reason texts clients see. A client should not
 * retry after 4400, 4403 and 4404; it retries with backoff after 1011, 4429 and 4500, and at once
 * (with jitter) after 1001 and 4508.
 */
public final class CloseStatuses {

    /** 1000: normal close. */
    public static final CloseStatus NORMAL = CloseStatus.NORMAL;

    /** 1001: the server is going away (shutdown, drain, rolling update). */
    public static final CloseStatus GOING_AWAY = new CloseStatus(1001, "Server going away");

    /** 1011: server error (e.g. the broker is unavailable). */
    public static final CloseStatus SERVER_ERROR = new CloseStatus(1011, "Server error");

    /** 4400: bad request (plugin or channel name, resume parameters). */
    public static final CloseStatus BAD_REQUEST = new CloseStatus(4400, "Bad request");

    /** 4403: denied by the plugin. */
    public static final CloseStatus UNAUTHORIZED = new CloseStatus(4403, "Unauthorized");

    /** 4404: no such plugin, or no handler for the channel. */
    public static final CloseStatus NOT_FOUND = new CloseStatus(4404, "Not found");

    /** 4429: connection limit reached. */
    public static final CloseStatus TOO_MANY_CONNECTIONS = new CloseStatus(4429, "Too many connections");

    /** 4429: the client sent more frames than allowed. */
    public static final CloseStatus TOO_MANY_MESSAGES = new CloseStatus(4429, "Too many messages");

    /** 4500: the plugin's {@code authenticate} failed. */
    public static final CloseStatus AUTHENTICATE_FAILED = new CloseStatus(4500, "Internal server error");

    /** 4508: the send buffer overflowed. */
    public static final CloseStatus TOO_SLOW = new CloseStatus(4508, "Too slow");

    private CloseStatuses() {}
}
