package io.pluginio.channel;

/** A connection's send buffer filled up: the client does not read fast enough. */
public final class SendBufferOverflowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SendBufferOverflowException() {
        super("Send buffer overflowed", null, false, false);
    }
}
