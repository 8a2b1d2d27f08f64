package io.pluginio.websocket;

import io.pluginio.broker.ChannelKey;
import io.pluginio.broker.StreamPosition;
import io.pluginio.channel.Resume;
import io.pluginio.plugin.Names;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * What a handshake URI asks for: {@code /plugin-io/ws/<plugin>/<channel>[/][?since=..&epoch=..]}.
 *
 * @param plugin the plugin name, valid
 * @param channel the channel name, valid
 * @param resume what to send before live broadcasts
 */
record ChannelRequest(String plugin, String channel, Resume resume) {

    static final String PREFIX = "/plugin-io/ws/";

    private static final Pattern OFFSET = Pattern.compile("[0-9]{1,18}");

    private static final Pattern EPOCH = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    ChannelKey key() {
        return new ChannelKey(plugin, channel);
    }

    /**
     * Parses a handshake URI.
     *
     * @throws BadRequestException when a name or a resume parameter is malformed
     */
    static ChannelRequest parse(URI uri) {
        String path = uri.getRawPath();
        if (path == null || !path.startsWith(PREFIX)) {
            throw new BadRequestException();
        }
        String rest = path.substring(PREFIX.length());
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String[] segments = rest.split("/", -1);
        if (segments.length != 2) {
            throw new BadRequestException();
        }
        String plugin = decode(segments[0]);
        String channel = decode(segments[1]);
        if (!Names.isValidPluginName(plugin) || !Names.isValidChannelName(channel)) {
            throw new BadRequestException();
        }
        MultiValueMap<String, String> query =
                UriComponentsBuilder.fromUri(uri).build().getQueryParams();
        return new ChannelRequest(plugin, channel, resume(query.get("since"), query.get("epoch")));
    }

    private static Resume resume(List<String> since, List<String> epoch) {
        if (since == null) {
            if (epoch != null) {
                throw new BadRequestException();
            }
            return Resume.none();
        }
        if (since.size() != 1 || (epoch != null && epoch.size() != 1)) {
            throw new BadRequestException();
        }
        String offset = decode(String.valueOf(since.get(0)));
        if (offset.equals("latest")) {
            if (epoch != null) {
                throw new BadRequestException();
            }
            return Resume.latest();
        }
        if (epoch == null || !OFFSET.matcher(offset).matches()) {
            throw new BadRequestException();
        }
        String epochValue = decode(String.valueOf(epoch.get(0)));
        if (!EPOCH.matcher(epochValue).matches()) {
            throw new BadRequestException();
        }
        return Resume.from(new StreamPosition(Long.parseLong(offset), epochValue));
    }

    private static String decode(String raw) {
        try {
            return UriUtils.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException ex) {
            throw new BadRequestException();
        }
    }

    /** A malformed handshake URI: closed with 4400. */
    static final class BadRequestException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BadRequestException() {
            super("Bad request", null, false, false);
        }
    }
}
