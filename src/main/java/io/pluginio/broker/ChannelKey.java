package io.pluginio.broker;

import io.pluginio.plugin.InvalidChannelNameException;
import io.pluginio.plugin.Names;
import java.util.Objects;

/**
 * A channel of one plugin. Channels are per plugin: {@code (a, "x")} and {@code (b, "x")} differ.
 *
 * @param plugin a valid plugin name
 * @param channel a valid channel name
 */
public record ChannelKey(String plugin, String channel) {

    public ChannelKey {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(channel, "channel");
        if (!Names.isValidPluginName(plugin)) {
            throw new IllegalArgumentException("Invalid plugin name");
        }
        if (!Names.isValidChannelName(channel)) {
            throw new InvalidChannelNameException();
        }
    }

    /** {@code plugin/channel}: unambiguous, since neither part may contain a slash. */
    @Override
    public String toString() {
        return plugin + "/" + channel;
    }
}
