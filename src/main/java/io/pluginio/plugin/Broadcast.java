package io.pluginio.plugin;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Sends {@code message} to every connection on one of the plugin's WebSocket channels.
 *
 * <p>Each connection receives one text frame holding the JSON object {@code {"message":
 * <message>}} (plus position keys, see the README). {@code message} is any value Jackson can
 * serialise: a {@code Map}, a record, a {@code JsonNode}, a string, a number, or {@code null}.
 * The channel belongs to the plugin that returns the effect; a plugin cannot reach another
 * plugin's channels this way.
 *
 * @param channel the channel name; validated on construction
 * @param message the payload, serialised once per broadcast
 * @throws InvalidChannelNameException if {@code channel} is not a valid channel name
 */
public record Broadcast(String channel, @Nullable Object message) implements Effect {

    public Broadcast {
        Objects.requireNonNull(channel, "channel");
        if (!Names.isValidChannelName(channel)) {
            throw new InvalidChannelNameException();
        }
    }
}
