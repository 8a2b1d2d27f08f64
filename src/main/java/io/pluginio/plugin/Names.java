package io.pluginio.plugin;

import java.util.regex.Pattern;

/** The rules for plugin and channel names, shared by URLs, start-up checks and broadcasts. */
public final class Names {

    /** Longest channel name accepted, in characters. */
    public static final int MAX_CHANNEL_LENGTH = 100;

    private static final Pattern PLUGIN = Pattern.compile("[A-Za-z0-9_]+");

    private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9_-]+");

    private Names() {}

    /** Whether {@code name} is a valid plugin name: {@code [A-Za-z0-9_]+}. */
    public static boolean isValidPluginName(String name) {
        return PLUGIN.matcher(name).matches();
    }

    /**
     * Whether {@code name} is a valid channel name: ASCII letters, digits, underscores and hyphens,
     * one to {@value #MAX_CHANNEL_LENGTH} characters.
     */
    public static boolean isValidChannelName(String name) {
        return name.length() <= MAX_CHANNEL_LENGTH && CHANNEL.matcher(name).matches();
    }
}
