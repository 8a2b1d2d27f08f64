package io.pluginio.bench;

import io.netty.buffer.ByteBuf;
import java.util.BitSet;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * One subscribed connection's view of what arrived: per publisher, which sequence numbers (for
 * loss and duplicates) and the highest so far (for order). Called only on the connection's event
 * loop; read by the scenario after the drain.
 */
final class Subscriber implements WebSockets.FrameListener {

    private static final byte[] P = {'"', 'p', '"', ':'};
    private static final byte[] S = {'"', 's', '"', ':'};
    private static final byte[] T = {'"', 't', '"', ':'};

    final int channel;
    final BitSet[] seen;
    private final long[] highest;
    private final Recorder latency;
    private final LongAdder delivered;
    long frames;
    long duplicates;
    long reordered;
    long unparsed;

    Subscriber(int channel, int publishers, Recorder latency, LongAdder delivered) {
        this.channel = channel;
        this.seen = new BitSet[publishers];
        this.highest = new long[publishers];
        for (int i = 0; i < publishers; i++) {
            seen[i] = new BitSet();
            highest[i] = -1;
        }
        this.latency = latency;
        this.delivered = delivered;
    }

    @Override
    public void onText(ByteBuf content) {
        long now = System.nanoTime();
        frames++;
        long p = field(content, P);
        long s = field(content, S);
        long t = field(content, T);
        if (p < 0 || s < 0 || t < 0 || p >= seen.length) {
            // position frames ({"recovered": ...}) and anything else not ours
            unparsed++;
            return;
        }
        int publisher = (int) p;
        if (seen[publisher].get((int) s)) {
            duplicates++;
            return;
        }
        seen[publisher].set((int) s);
        if (s < highest[publisher]) {
            reordered++;
        } else {
            highest[publisher] = s;
        }
        delivered.increment();
        latency.recordValue(Math.max(0, (now - t) / 1000));
    }

    /** The non-negative integer after {@code key} in {@code buf}, or -1. */
    static long field(ByteBuf buf, byte[] key) {
        int end = buf.writerIndex() - key.length;
        outer:
        for (int i = buf.readerIndex(); i <= end; i++) {
            for (int k = 0; k < key.length; k++) {
                if (buf.getByte(i + k) != key[k]) {
                    continue outer;
                }
            }
            int j = i + key.length;
            while (j < buf.writerIndex() && buf.getByte(j) == ' ') {
                j++;
            }
            long value = 0;
            int digits = 0;
            while (j < buf.writerIndex()) {
                byte b = buf.getByte(j);
                if (b < '0' || b > '9') {
                    break;
                }
                value = value * 10 + (b - '0');
                digits++;
                j++;
            }
            return digits == 0 ? -1 : value;
        }
        return -1;
    }
}
