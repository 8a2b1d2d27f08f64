package io.pluginio.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server process's CPU time and memory, read from {@code /proc} and {@code jcmd}. */
public final class ProcStats {

    /** USER_HZ; 100 on every Linux this runs on, and what {@code getconf CLK_TCK} reports here. */
    private static final double TICKS_PER_SECOND = 100.0;

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private ProcStats() {}

    /** utime + stime of {@code pid}, in seconds. */
    public static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name may hold spaces and parentheses: fields start after the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state); utime is field 14, stime field 15
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/stat", e);
        }
    }

    public static double cpuSeconds(List<Long> pids) {
        return pids.stream().mapToDouble(ProcStats::cpuSeconds).sum();
    }

    /** Resident set size of {@code pid}, in KiB. */
    public static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            throw new IllegalStateException("no VmRSS for " + pid);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/status", e);
        }
    }

    public static long rssKib(List<Long> pids) {
        return pids.stream().mapToLong(ProcStats::rssKib).sum();
    }

    /** Runs a full GC in {@code pid} ({@code jcmd GC.run}), then returns the used heap in KiB. */
    public static long heapAfterGcKib(long pid) {
        jcmd(pid, "GC.run");
        Matcher matcher = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        if (!matcher.find()) {
            throw new IllegalStateException("no heap figure from jcmd for " + pid);
        }
        return Long.parseLong(matcher.group(1));
    }

    public static long heapAfterGcKib(List<Long> pids) {
        return pids.stream().mapToLong(ProcStats::heapAfterGcKib).sum();
    }

    /** Live bytes and instances per class ({@code jcmd GC.class_histogram}, which collects first). */
    public static java.util.Map<String, long[]> classHistogram(long pid) {
        java.util.Map<String, long[]> classes = new java.util.HashMap<>();
        for (String line : jcmd(pid, "GC.class_histogram").lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                classes.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        return classes;
    }

    /**
     * What {@code count} connections added between two histograms, per connection, largest first:
     * instances and bytes per connection for the top {@code lines} classes.
     */
    public static String histogramDelta(
            java.util.Map<String, long[]> before, java.util.Map<String, long[]> after, long count, int lines) {
        StringBuilder out = new StringBuilder(String.format("%10s %10s  %s%n", "inst/conn", "B/conn", "class"));
        after.entrySet().stream()
                .map(e -> {
                    long[] b = before.getOrDefault(e.getKey(), new long[2]);
                    return java.util.Map.entry(e.getKey(), new long[] {e.getValue()[0] - b[0], e.getValue()[1] - b[1]});
                })
                .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
                .limit(lines)
                .forEach(e -> out.append(String.format(
                        java.util.Locale.ROOT,
                        "%10.2f %10.1f  %s%n",
                        e.getValue()[0] / (double) count,
                        e.getValue()[1] / (double) count,
                        e.getKey())));
        return out.toString();
    }

    /** Runs a full GC in each process (so RSS is read after the same kind of collection). */
    public static void gc(List<Long> pids) {
        pids.forEach(pid -> jcmd(pid, "GC.run"));
    }

    private static String jcmd(long pid, String command) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            Process process = new ProcessBuilder(jcmd, Long.toString(pid), command)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("jcmd " + command + " failed for " + pid + ": " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run jcmd", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
