package io.pluginio.bench;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The scenarios. Each opens its connections, measures, closes everything it opened, and returns
 * its figures. Every loop is bounded in count and in time.
 */
public final class Scenarios {

    static final String PLUGIN = "notifications_demo";

    private Scenarios() {}

    /** Names accepted on the command line. */
    public static final List<String> NAMES = List.of("idle", "fanout", "channels", "storm", "replicas");

    public static Result run(String name, Target target, Options options) throws Exception {
        return switch (name) {
            case "idle" -> idle(target, options);
            case "storm" -> storm(target, options);
            case "fanout", "replicas" -> pubsub(target, options, 1);
            case "channels" -> pubsub(target, options, options.integer("channels", 100));
            default -> throw new IllegalArgumentException("unknown scenario " + name + "; one of " + NAMES);
        };
    }

    static String wsPath(String channel, String key) {
        return "/plugin-io/ws/" + PLUGIN + "/" + channel + "/?api_key=" + key;
    }

    // ---------------------------------------------------------------------------------- idle

    /**
     * {@code idle}: opens {@code --connections} at {@code --connect-rate} per second, holds them,
     * and reads the server's RSS and heap after a GC before and after.
     */
    static Result idle(Target target, Options options) throws Exception {
        int n = options.integer("connections", 10_000);
        String key = options.string("key", "k");
        try (WebSockets ws = webSockets(options, n)) {
            warmUp(ws, target, key, options.integer("warmup-connections", 500));
            ProcStats.gc(target.pids());
            Thread.sleep(1000);
            long rssBefore = ProcStats.rssKib(target.pids());
            long heapBefore = ProcStats.heapAfterGcKib(target.pids());
            java.util.Map<String, long[]> histogramBefore = options.has("class-histogram")
                    ? ProcStats.classHistogram(target.pids().get(0))
                    : java.util.Map.of();
            long start = System.nanoTime();
            Opened opened = open(
                    ws,
                    n,
                    options.integer("max-in-flight", 256),
                    options.decimal("connect-rate", 2000),
                    Duration.ofSeconds(options.integer("connect-timeout", 300)),
                    i -> new Dial(target.address(i), wsPath("idle-" + (i % 100), key), null));
            double connectSeconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(options.integer("hold", 5) * 1000L);
            long heapAfter = ProcStats.heapAfterGcKib(target.pids());
            Thread.sleep(1000);
            long rssAfter = ProcStats.rssKib(target.pids());
            long open = opened.channels.stream().filter(Channel::isActive).count();
            if (options.has("class-histogram")) {
                // what the connections keep on the heap: compare with a histogram at rest
                java.nio.file.Path file = java.nio.file.Path.of(
                        options.string("class-histogram", "histogram-{system}.txt").replace("{system}", target.system()));
                java.nio.file.Files.writeString(
                        file,
                        "# " + target.system() + ": heap added per connection, " + open + " connections open\n"
                                + ProcStats.histogramDelta(
                                        histogramBefore, ProcStats.classHistogram(target.pids().get(0)), open, 40));
                System.out.println("class histogram written to " + file);
            }
            Result result = new Result()
                    .put("connections", open)
                    .put("failed", opened.failed)
                    .put("connect_s", connectSeconds)
                    .put("rss_before_mib", rssBefore / 1024.0)
                    .put("rss_after_mib", rssAfter / 1024.0)
                    .put("rss_kib_per_conn", open == 0 ? Double.NaN : (rssAfter - rssBefore) / (double) open)
                    .put("heap_kib_per_conn", open == 0 ? Double.NaN : (heapAfter - heapBefore) / (double) open);
            closeAll(opened.channels);
            return result;
        }
    }

    // --------------------------------------------------------------------------------- storm

    /**
     * {@code storm}: opens {@code --connections} as fast as the server takes them (at most
     * {@code --max-in-flight} handshakes pending), as after a rolling update; server CPU per 1,000
     * accepted handshakes, handshakes per second, handshake latency.
     */
    static Result storm(Target target, Options options) throws Exception {
        int n = options.integer("connections", 5_000);
        String key = options.string("key", "k");
        try (WebSockets ws = webSockets(options, n)) {
            warmUp(ws, target, key, options.integer("warmup-connections", 500));
            Thread.sleep(500);
            double cpuBefore = ProcStats.cpuSeconds(target.pids());
            double ownCpuBefore = ProcStats.cpuSeconds(ProcessHandle.current().pid());
            long start = System.nanoTime();
            Opened opened = open(
                    ws,
                    n,
                    options.integer("max-in-flight", 1000),
                    0,
                    Duration.ofSeconds(options.integer("connect-timeout", 120)),
                    i -> new Dial(target.address(i), wsPath("storm-" + (i % 100), key), null));
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = ProcStats.cpuSeconds(target.pids()) - cpuBefore;
            int accepted = opened.channels.size();
            Result result = new Result()
                    .put("connections", accepted)
                    .put("failed", opened.failed)
                    .put("storm_s", seconds)
                    .put("handshakes_per_s", accepted / seconds)
                    .put("handshake_p50_ms", opened.handshake.getValueAtPercentile(50) / 1000.0)
                    .put("handshake_p99_ms", opened.handshake.getValueAtPercentile(99) / 1000.0)
                    .put("server_cpu_s", cpu)
                    .put("cpu_s_per_1k_handshakes", accepted == 0 ? Double.NaN : cpu / accepted * 1000)
                    .put("generator_cpu_s", ProcStats.cpuSeconds(ProcessHandle.current().pid()) - ownCpuBefore);
            closeAll(opened.channels);
            return result;
        }
    }

    // ---------------------------------------------------------------------------- fan-out etc.

    /**
     * {@code fanout} (one channel, {@code /callback}), {@code channels} (many channels, publishes
     * to random ones through {@code /channels/<channel>}), {@code replicas} (fanout over several
     * instances: subscribers and publishers spread round-robin over them).
     */
    static Result pubsub(Target target, Options options, int channelCount) throws Exception {
        int subscribers = options.integer("subscribers", 1000);
        int publishers = options.integer("publishers", 8);
        double rate = options.decimal("rate", 20);
        double warmup = options.decimal("warmup", 5);
        double duration = options.decimal("duration", 30);
        double drain = options.decimal("drain", 10);
        String key = options.string("key", "k");
        List<String> channels = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        if (channelCount == 1) {
            channels.add("notifications");
            paths.add("/plugin-io/api/" + PLUGIN + "/callback");
        } else {
            for (int c = 0; c < channelCount; c++) {
                channels.add("ch-" + c);
                paths.add("/plugin-io/api/" + PLUGIN + "/channels/ch-" + c);
            }
        }
        Recorder latency = new Recorder(3);
        Recorder requests = new Recorder(3);
        LongAdder delivered = new LongAdder();
        List<Subscriber> subs = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            subs.add(new Subscriber(i % channelCount, publishers, latency, delivered));
        }
        try (WebSockets ws = webSockets(options, subscribers)) {
            Opened opened = open(
                    ws,
                    subscribers,
                    options.integer("max-in-flight", 256),
                    options.decimal("connect-rate", 2000),
                    Duration.ofSeconds(options.integer("connect-timeout", 120)),
                    i -> new Dial(target.address(i), wsPath(channels.get(i % channelCount), key), subs.get(i)));
            List<Subscriber> connected = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                if (opened.succeeded.get(i)) {
                    connected.add(subs.get(i));
                }
            }
            EventLoopGroup group = ws.group();
            List<Publisher> pubs = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                Publisher publisher =
                        new Publisher(p, target.address(p), paths, key, options.integer("payload", 0), rate / publishers, requests, 17L * p + 1);
                publisher.connect(group);
                pubs.add(publisher);
            }
            // let subscriptions settle (with replicas they travel through the broker)
            Thread.sleep(options.integer("settle-ms", 1000));
            long intervalNanos = (long) (1e9 / (rate / publishers));
            for (Publisher publisher : pubs) {
                publisher.start(intervalNanos * publisher.id / publishers);
            }
            Thread.sleep((long) (warmup * 1000));
            latency.reset();
            requests.reset();
            double cpuStart = ProcStats.cpuSeconds(target.pids());
            double ownCpuStart = ProcStats.cpuSeconds(ProcessHandle.current().pid());
            long deliveredStart = delivered.sum();
            long measureStart = System.nanoTime();
            Thread.sleep((long) (duration * 1000));
            for (Publisher publisher : pubs) {
                publisher.stop().get(30, TimeUnit.SECONDS);
            }
            long expected = 0;
            for (Subscriber s : connected) {
                for (Publisher publisher : pubs) {
                    expected += publisher.accepted[s.channel].cardinality();
                }
            }
            long drainDeadline = System.nanoTime() + (long) (drain * 1e9);
            while (delivered.sum() < expected && System.nanoTime() < drainDeadline) {
                Thread.sleep(20);
            }
            double measureSeconds = (System.nanoTime() - measureStart) / 1e9;
            double cpu = ProcStats.cpuSeconds(target.pids()) - cpuStart;
            double ownCpu = ProcStats.cpuSeconds(ProcessHandle.current().pid()) - ownCpuStart;
            long windowDeliveries = delivered.sum() - deliveredStart;
            Histogram lat = latency.getIntervalHistogram();
            Histogram req = requests.getIntervalHistogram();
            // read the subscribers' state on their event loops' terms: closing first makes it final
            closeAll(opened.channels);
            for (Publisher publisher : pubs) {
                publisher.close();
            }
            long lost = 0;
            long duplicates = 0;
            long reordered = 0;
            long unparsed = 0;
            for (Subscriber s : connected) {
                for (Publisher publisher : pubs) {
                    BitSet missing = (BitSet) publisher.accepted[s.channel].clone();
                    missing.andNot(s.seen[publisher.id]);
                    lost += missing.cardinality();
                }
                duplicates += s.duplicates;
                reordered += s.reordered;
                unparsed += s.unparsed;
            }
            long published = pubs.stream().mapToLong(pub -> pub.acceptedCount).sum();
            long errors = pubs.stream().mapToLong(pub -> pub.errors).sum();
            return new Result()
                    .put("subscribers", connected.size())
                    .put("publishers", publishers)
                    .put("published", published)
                    .put("publish_errors", errors)
                    .put("publish_rate", published / (warmup + duration))
                    .put("expected", expected)
                    .put("lost", lost)
                    .put("duplicates", duplicates)
                    .put("reordered", reordered)
                    .put("other_frames", unparsed)
                    .put("deliveries_per_s", windowDeliveries / measureSeconds)
                    .put("latency_p50_ms", lat.getValueAtPercentile(50) / 1000.0)
                    .put("latency_p90_ms", lat.getValueAtPercentile(90) / 1000.0)
                    .put("latency_p99_ms", lat.getValueAtPercentile(99) / 1000.0)
                    .put("latency_p999_ms", lat.getValueAtPercentile(99.9) / 1000.0)
                    .put("latency_max_ms", lat.getMaxValue() / 1000.0)
                    .put("post_p99_ms", req.getValueAtPercentile(99) / 1000.0)
                    .put("server_cpu_s", cpu)
                    .put("cpu_s_per_1m_deliveries", windowDeliveries == 0 ? Double.NaN : cpu / windowDeliveries * 1e6)
                    .put("generator_cpu_s", ownCpu);
        }
    }

    // ------------------------------------------------------------------------------- helpers

    private static WebSockets webSockets(Options options, int connections) {
        // 20,000 per source address leaves headroom below the ~28,000 ephemeral ports of each
        int sources = options.integer("sources", Math.max(1, (connections + 19_999) / 20_000));
        return new WebSockets(options.integer("threads", 2), sources, options.integer("handshake-timeout-ms", 30_000));
    }

    /** Opens and closes {@code n} connections so the server's handshake path is compiled. */
    private static void warmUp(WebSockets ws, Target target, String key, int n) throws Exception {
        if (n <= 0) {
            return;
        }
        Opened opened = open(ws, n, 64, 0, Duration.ofSeconds(60), i -> new Dial(target.address(i), wsPath("warmup", key), null));
        closeAll(opened.channels);
    }

    record Dial(java.net.InetSocketAddress address, String path, WebSockets.FrameListener listener) {}

    static final class Opened {
        final List<Channel> channels = new ArrayList<>();
        final BitSet succeeded = new BitSet();
        final Histogram handshake = new Histogram(3);
        long failed;
    }

    /**
     * Opens {@code n} connections, at most {@code maxInFlight} handshakes pending and at most
     * {@code ratePerSecond} started per second (zero: no rate limit); gives up on whatever is
     * not open after {@code timeout}.
     */
    static Opened open(WebSockets ws, int n, int maxInFlight, double ratePerSecond, Duration timeout, IntFunction<Dial> dial)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(maxInFlight);
        ConcurrentLinkedQueue<long[]> done = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Channel> channels = new ConcurrentLinkedQueue<>();
        AtomicLong failed = new AtomicLong();
        List<CompletableFuture<Channel>> futures = new ArrayList<>(n);
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        for (int i = 0; i < n; i++) {
            if (ratePerSecond > 0) {
                long due = start + (long) (i * 1e9 / ratePerSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || !inFlight.tryAcquire(remaining, TimeUnit.NANOSECONDS)) {
                failed.addAndGet(n - i);
                break;
            }
            Dial d = dial.apply(i);
            int index = i;
            long begun = System.nanoTime();
            CompletableFuture<Channel> future = ws.connect(d.address(), d.path(), d.listener());
            future.whenComplete((channel, error) -> {
                inFlight.release();
                if (error == null) {
                    channels.add(channel);
                    done.add(new long[] {index, System.nanoTime() - begun});
                } else {
                    long count = failed.incrementAndGet();
                    if (count <= 3) {
                        System.err.println("connect failed: " + error);
                    }
                }
            });
            futures.add(future);
        }
        for (CompletableFuture<Channel> future : futures) {
            long remaining = deadline - System.nanoTime();
            try {
                future.get(Math.max(1, remaining), TimeUnit.NANOSECONDS);
            } catch (Exception ignored) {
                // counted as failed by the callback, or below when the time ran out
            }
        }
        Opened opened = new Opened();
        opened.channels.addAll(channels);
        for (long[] d : done) {
            opened.succeeded.set((int) d[0]);
            opened.handshake.recordValue(Math.max(0, d[1] / 1000));
        }
        opened.failed = failed.get() + futures.stream().filter(f -> !f.isDone()).count();
        return opened;
    }

    static void closeAll(List<Channel> channels) {
        List<io.netty.channel.ChannelFuture> closing = new ArrayList<>(channels.size());
        for (Channel channel : channels) {
            closing.add(channel.close());
        }
        for (io.netty.channel.ChannelFuture future : closing) {
            future.awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }
}
