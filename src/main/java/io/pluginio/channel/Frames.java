package io.pluginio.channel;

import io.pluginio.broker.Publication;
import io.pluginio.broker.StreamPosition;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The server-to-client frames, as UTF-8 JSON bytes: {@code {"message":<raw>,"offset":n,"epoch":"e"}}
 * for a broadcast and {@code {"recovered":b,"offset":n,"epoch":"e"}} for the position frame. The
 * message is already serialised JSON and is copied in as is, never parsed again.
 */
final class Frames {

    private static final byte[] MESSAGE = "{\"message\":".getBytes(StandardCharsets.UTF_8);

    private Frames() {}

    /** A publication's frame, built once for every connection. */
    static Frame publication(Publication publication) {
        return new Frame(
                publicationBytes(publication), publication.publishedAt(), publication.offset(), publication.epoch());
    }

    /** The position frame that opens a resuming connection. */
    static Frame position(boolean recovered, StreamPosition position) {
        return new Frame(positionBytes(recovered, position), 0, position.offset(), position.epoch());
    }

    private static byte[] publicationBytes(Publication publication) {
        byte[] tail = (",\"offset\":" + publication.offset() + ",\"epoch\":" + quote(publication.epoch()) + "}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] message = publication.message();
        ByteArrayOutputStream frame = new ByteArrayOutputStream(MESSAGE.length + message.length + tail.length);
        frame.writeBytes(MESSAGE);
        frame.writeBytes(message);
        frame.writeBytes(tail);
        return frame.toByteArray();
    }

    private static byte[] positionBytes(boolean recovered, StreamPosition position) {
        return ("{\"recovered\":" + recovered + ",\"offset\":" + position.offset() + ",\"epoch\":"
                        + quote(position.epoch()) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string literal; epochs are plain tokens, but one from a foreign broker must not break the frame. */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
