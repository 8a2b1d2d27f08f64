package io.pluginio.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a scenario against systems it starts itself, alternating them round by round (A B, B A,
 * A B, ...) so that drift in the shared machine's speed hits both alike, and reports each
 * metric's median per system and the ratio of the second system to the first.
 */
public final class Runner {

    /** The default arguments that make two service instances share a Redis broker. */
    static final List<String> DEFAULT_REPLICA_ARGS =
            List.of("--spring.data.redis.url=redis://127.0.0.1:{redis}", "--plugin-io.broker=redis");

    private final String scenario;
    private final Options options;
    private final Path logs;
    private final String key;

    public Runner(String scenario, Options options) {
        this.scenario = scenario;
        this.options = options;
        this.logs = Path.of(options.string("logs", "target/bench-logs"));
        this.key = options.string("key", "k");
    }

    public List<String> systems() {
        if (options.has("systems")) {
            return Arrays.asList(options.string("systems", "").split(","));
        }
        if (scenario.equals("replicas")) {
            return List.of("service", "service-x2");
        }
        return options.has("service-jar") ? List.of("reference", "service") : List.of("reference");
    }

    /** Runs every round, writes and returns the report (a Markdown table). */
    public String run() throws Exception {
        String report = report(measure());
        System.out.println(report);
        Path out = Path.of(options.string(
                "out",
                "target/bench-results/" + scenario + "-"
                        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println("written to " + out);
        return report;
    }

    /** Runs every round; each system's results in round order. */
    public Map<String, List<Result>> measure() throws Exception {
        List<String> systems = systems();
        int rounds = options.integer("rounds", 3);
        Map<String, List<Result>> results = new LinkedHashMap<>();
        systems.forEach(system -> results.put(system, new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            List<String> order = new ArrayList<>(systems);
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (String system : order) {
                System.out.printf("== %s round %d/%d on %s%n", scenario, round + 1, rounds, system);
                Result result = runOnce(system, round);
                System.out.print(result);
                results.get(system).add(result);
            }
        }
        return results;
    }

    private Result runOnce(String system, int round) throws Exception {
        List<ServerProcess> processes = new ArrayList<>();
        try {
            List<InetSocketAddress> addresses = new ArrayList<>();
            List<Long> pids = new ArrayList<>();
            for (ServerProcess server : start(system, round, processes)) {
                server.awaitReady(Duration.ofSeconds(options.integer("start-timeout", 120)));
                addresses.add(server.address());
                pids.add(server.pid());
            }
            return Scenarios.run(scenario, new Target(system, addresses, pids), options);
        } finally {
            for (int i = processes.size() - 1; i >= 0; i--) {
                processes.get(i).close();
            }
            Thread.sleep(1000);
        }
    }

    /** Starts {@code system}'s processes (all added to {@code processes}); returns the servers. */
    private List<ServerProcess> start(String system, int round, List<ServerProcess> processes) throws IOException, InterruptedException {
        List<String> jvm = options.has("server-jvm") ? options.all("server-jvm") : List.of("-Xmx512m");
        String tag = scenario + "-" + system + "-" + round;
        switch (system) {
            case "reference" -> {
                ServerProcess server =
                        ServerProcess.reference(ServerProcess.freePort(), key, jvm, logs.resolve(tag + ".log"));
                processes.add(server);
                return List.of(server);
            }
            case "service" -> {
                ServerProcess server = ServerProcess.service(
                        serviceJar(), ServerProcess.freePort(), key, jvm, options.all("service-arg"), logs.resolve(tag + ".log"));
                processes.add(server);
                return List.of(server);
            }
            case "service-x2" -> {
                int redisPort = ServerProcess.freePort();
                ServerProcess redis = ServerProcess.redis(redisPort, logs.resolve(tag + "-redis.log"));
                processes.add(redis);
                redis.awaitReady(Duration.ofSeconds(20));
                List<String> replicaArgs = new ArrayList<>(options.all("service-arg"));
                for (String arg : options.has("replica-arg") ? options.all("replica-arg") : DEFAULT_REPLICA_ARGS) {
                    replicaArgs.add(arg.replace("{redis}", Integer.toString(redisPort)));
                }
                List<ServerProcess> servers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    ServerProcess server = ServerProcess.service(
                            serviceJar(), ServerProcess.freePort(), key, jvm, replicaArgs, logs.resolve(tag + "-" + i + ".log"));
                    processes.add(server);
                    servers.add(server);
                }
                return servers;
            }
            default -> throw new IllegalArgumentException("unknown system " + system
                    + "; one of reference, service, service-x2");
        }
    }

    private Path serviceJar() {
        if (!options.has("service-jar")) {
            throw new IllegalArgumentException("--service-jar <path> is needed to run the service");
        }
        return Path.of(options.string("service-jar", ""));
    }

    /** Markdown: one row per metric, the median per system, and second/first as the ratio. */
    static String report(Map<String, List<Result>> results) {
        List<String> systems = new ArrayList<>(results.keySet());
        LinkedHashSet<String> metrics = new LinkedHashSet<>();
        results.values().forEach(list -> list.forEach(r -> metrics.addAll(r.metrics().keySet())));
        StringBuilder out = new StringBuilder();
        out.append("| metric |");
        systems.forEach(s -> out.append(' ').append(s).append(" (median of ").append(results.get(s).size()).append(") |"));
        if (systems.size() == 2) {
            out.append(" ratio |");
        }
        out.append('\n').append("|---|");
        systems.forEach(s -> out.append("---:|"));
        if (systems.size() == 2) {
            out.append("---:|");
        }
        out.append('\n');
        for (String metric : metrics) {
            out.append("| ").append(metric).append(" |");
            double[] medians = new double[systems.size()];
            for (int i = 0; i < systems.size(); i++) {
                medians[i] = median(results.get(systems.get(i)), metric);
                out.append(' ').append(Format.number(medians[i])).append(" |");
            }
            if (systems.size() == 2) {
                double ratio = medians[1] / medians[0];
                out.append(' ')
                        .append(Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2fx", ratio) : "-")
                        .append(" |");
            }
            out.append('\n');
        }
        out.append('\n').append("Per round:\n\n");
        results.forEach((system, list) -> {
            for (int i = 0; i < list.size(); i++) {
                out.append("- ").append(system).append(" #").append(i + 1).append(": ");
                list.get(i).metrics().forEach((name, value) -> out.append(name).append('=').append(Format.number(value)).append(' '));
                out.append('\n');
            }
        });
        return out.toString();
    }

    static double median(List<Result> results, String metric) {
        double[] values = results.stream()
                .filter(r -> r.metrics().containsKey(metric))
                .mapToDouble(r -> r.get(metric))
                .sorted()
                .toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
