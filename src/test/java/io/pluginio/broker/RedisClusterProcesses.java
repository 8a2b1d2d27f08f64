package io.pluginio.broker;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.util.FileSystemUtils;

/**
 * A three-master Redis Cluster of {@code redis-server} child processes on free loopback ports,
 * without persistence, created with {@code redis-cli --cluster create}.
 */
final class RedisClusterProcesses implements AutoCloseable {

    private final Path directory;

    private final List<Integer> ports = new ArrayList<>();

    private final List<Process> processes = new ArrayList<>();

    private RedisClusterProcesses(Path directory) {
        this.directory = directory;
    }

    /** Whether {@code redis-server} and {@code redis-cli} are on the PATH. */
    static boolean isInstalled() {
        return onPath("redis-server") && onPath("redis-cli");
    }

    static RedisClusterProcesses start() throws Exception {
        RedisClusterProcesses cluster = new RedisClusterProcesses(Files.createTempDirectory("redis-cluster-test-"));
        try {
            cluster.startNodes(3);
            cluster.create();
            return cluster;
        } catch (Exception ex) {
            cluster.close();
            throw ex;
        }
    }

    /** {@code host:port} of every node, as {@code spring.data.redis.cluster.nodes} takes them. */
    List<String> nodes() {
        return this.ports.stream().map(port -> "127.0.0.1:" + port).toList();
    }

    private void startNodes(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            int port = freePort();
            this.ports.add(port);
            this.processes.add(new ProcessBuilder(
                            "redis-server",
                            "--bind",
                            "127.0.0.1",
                            "--port",
                            Integer.toString(port),
                            "--cluster-enabled",
                            "yes",
                            "--cluster-config-file",
                            "nodes-" + port + ".conf",
                            "--dir",
                            this.directory.toString(),
                            "--save",
                            "",
                            "--appendonly",
                            "no")
                    .redirectErrorStream(true)
                    .redirectOutput(
                            this.directory.resolve("redis-" + port + ".log").toFile())
                    .start());
        }
    }

    private void create() throws Exception {
        List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        command.addAll(nodes());
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        // the nodes may still be starting: retry the creation until it went through...
        String output = run(command);
        while (!output.contains("All 16384 slots covered")) {
            await(deadline, output);
            output = run(command);
        }
        // ...then wait until every node has agreed on the configuration
        while (!allOk()) {
            await(deadline, "cluster_state is not ok on every node");
        }
    }

    private static void await(long deadline, String lastOutput) throws InterruptedException {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Redis Cluster did not form: " + lastOutput);
        }
        Thread.sleep(200);
    }

    private boolean allOk() throws Exception {
        for (int port : this.ports) {
            if (!run(List.of("redis-cli", "-p", Integer.toString(port), "cluster", "info"))
                    .contains("cluster_state:ok")) {
                return false;
            }
        }
        return true;
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        process.waitFor(30, TimeUnit.SECONDS);
        return new String(output, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        // a cluster node also listens on its port + 10000
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (port + 10000 <= 65535) {
                    return port;
                }
            }
        }
    }

    private static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, executable))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws Exception {
        for (Process process : this.processes) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        FileSystemUtils.deleteRecursively(this.directory);
    }
}
