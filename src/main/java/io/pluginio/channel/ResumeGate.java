package io.pluginio.channel;

import io.pluginio.broker.StreamPosition;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Stands between a resuming connection and its channel while its history (or position) is read:
 * live frames wait here, bounded, so that the connection gets its first frames (position,
 * history) first; then only live frames after the last position it was given pass, so that
 * publications racing the read are neither lost nor repeated.
 */
final class ResumeGate implements FrameSink {

    private final FrameSink sink;

    private final int limit;

    // Guarded by this gate: live frames arrive on the broker's thread, open() on the reader's.
    private @Nullable List<Frame> waiting = new ArrayList<>();

    private boolean overflowed;

    private long offset;

    private String epoch = "";

    /**
     * @param sink the connection
     * @param limit most live frames that may wait for the read; one more and the gate refuses
     */
    ResumeGate(FrameSink sink, int limit) {
        this.sink = sink;
        this.limit = limit;
    }

    @Override
    public synchronized boolean offer(Frame frame) {
        List<Frame> pending = waiting;
        if (pending == null) {
            return !advance(frame) || sink.offer(frame);
        }
        if (pending.size() == limit) {
            overflowed = true;
            return false;
        }
        pending.add(frame);
        return true;
    }

    /**
     * Sends {@code first}, then the waiting live frames after {@code position}, and lets later ones
     * through. False when the frames did not all fit: the gate's or the connection's buffer is full.
     */
    synchronized boolean open(List<Frame> first, StreamPosition position) {
        List<Frame> pending = waiting;
        waiting = null;
        offset = position.offset();
        epoch = position.epoch();
        if (overflowed || pending == null) {
            return false;
        }
        for (Frame frame : first) {
            if (!sink.offer(frame)) {
                return false;
            }
        }
        for (Frame frame : pending) {
            if (advance(frame) && !sink.offer(frame)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code frame} comes after the last position given (a new epoch always does); moves to it if so. */
    private boolean advance(Frame frame) {
        if (frame.epoch().equals(epoch) && frame.offset() <= offset) {
            return false;
        }
        offset = frame.offset();
        epoch = frame.epoch();
        return true;
    }
}
