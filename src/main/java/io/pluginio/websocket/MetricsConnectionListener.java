package io.pluginio.websocket;

import io.pluginio.broker.ChannelKey;
import io.pluginio.metrics.PluginIoMetrics;
import io.pluginio.metrics.PluginIoMetrics.AttemptOutcome;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;

/** Turns the WebSocket endpoint's events into {@link PluginIoMetrics}. Never tags a channel name. */
@Component
final class MetricsConnectionListener implements ConnectionListener {

    private final PluginIoMetrics metrics;

    MetricsConnectionListener(PluginIoMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void accepted(ChannelKey channel) {
        metrics.connectionAttempt(AttemptOutcome.ACCEPTED);
        metrics.connectionOpened(channel.plugin());
    }

    @Override
    public void denied(CloseStatus status) {
        metrics.connectionAttempt(outcome(status.getCode()));
    }

    @Override
    public void delivered(ChannelKey channel, long publishedAt, int connections) {
        metrics.delivered(channel.plugin(), publishedAt, connections);
    }

    @Override
    public void closedByServer(ChannelKey channel, CloseStatus status) {
        metrics.closedByServer(channel.plugin(), status.getCode());
    }

    @Override
    public void disconnected(ChannelKey channel) {
        metrics.connectionClosed(channel.plugin());
    }

    static AttemptOutcome outcome(int code) {
        return switch (code) {
            case 4400 -> AttemptOutcome.BAD_REQUEST;
            case 4403 -> AttemptOutcome.DENIED;
            case 4404 -> AttemptOutcome.NOT_FOUND;
            case 4429 -> AttemptOutcome.LIMIT;
            case 1001 -> AttemptOutcome.DRAINING;
            default -> AttemptOutcome.ERROR;
        };
    }
}
