package io.pluginio.bench;

import io.pluginio.bench.reference.ReferenceServer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar plugin-io-bench.jar <scenario> [options]}; see {@code docs/benchmarks.md}.
 *
 * <p>With {@code --target host:port[,host:port] --pid N[,N]} one run goes against servers that
 * are already running; otherwise the runner starts the reference (and, with
 * {@code --service-jar}, the service) itself, alternating them for {@code --rounds} rounds.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            System.out.println(usage());
            return;
        }
        String command = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (command.equals("reference-server")) {
            ReferenceServer.main(rest.toArray(String[]::new));
            return;
        }
        if (!Scenarios.NAMES.contains(command)) {
            System.err.println("unknown command " + command + "\n" + usage());
            System.exit(2);
        }
        Options options = Options.parse(rest);
        if (options.has("target")) {
            List<InetSocketAddress> addresses = new ArrayList<>();
            for (String target : options.string("target", "").split(",")) {
                int colon = target.lastIndexOf(':');
                addresses.add(new InetSocketAddress(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1))));
            }
            List<Long> pids = new ArrayList<>();
            for (String pid : options.string("pid", "").split(",")) {
                if (!pid.isBlank()) {
                    pids.add(Long.parseLong(pid.trim()));
                }
            }
            if (pids.isEmpty()) {
                throw new IllegalArgumentException("--pid <server pid> is needed with --target");
            }
            System.out.print(Scenarios.run(command, new Target(options.string("system", "target"), addresses, pids), options));
        } else {
            new Runner(command, options).run();
        }
        System.exit(0);
    }

    static String usage() {
        return """
                usage: java -jar plugin-io-bench.jar <command> [options]

                commands:
                  idle      --connections 10000 --connect-rate 2000 --hold 5
                  fanout    --subscribers 1000 --publishers 8 --rate 20 --warmup 5 --duration 30 [--payload 0]
                  channels  --subscribers 1000 --channels 100 --publishers 8 --rate 200 ...
                  storm     --connections 5000 --max-in-flight 1000
                  replicas  (fanout over two service instances sharing a private Redis)
                  reference-server --port 8090 --key k

                where:
                  --service-jar PATH     also start the service and alternate it with the reference
                  --rounds 3             rounds (medians reported)
                  --systems a,b          reference | service | service-x2
                  --server-jvm ARG       JVM option for started servers (repeatable; default -Xmx512m)
                  --service-arg ARG      extra service argument (repeatable)
                  --replica-arg ARG      service argument for service-x2; {redis} is the Redis port
                  --target H:P[,H:P] --pid N[,N]   one run against servers already running
                  --sources N            source addresses 127.0.0.2..; default one per 20,000 connections
                  --threads 2            generator event loops
                  --key k                the API key (ws-api-key and simpleapi-api-key)
                  --out FILE             where the Markdown report goes (default target/bench-results/)
                """;
    }
}
