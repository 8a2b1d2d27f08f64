package io.pluginio.plugin;

/** Thrown when a {@link Broadcast} names a channel that is not a valid channel name. */
public final class InvalidChannelNameException extends IllegalArgumentException {

    /** The message of every instance, as the original SDK words it. */
    public static final String MESSAGE =
            "Invalid channel name. Channel name must be alphanumeric and can contain underscores or hyphens.";

    private static final long serialVersionUID = 1L;

    public InvalidChannelNameException() {
        super(MESSAGE);
    }
}
