package io.pluginio.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A server started as a child process for one run: the reference, the service, or a Redis. */
public final class ServerProcess implements AutoCloseable {

    /** Processes still running, ended by a shutdown hook if the runner itself is stopped. */
    private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroy)));
    }

    private final String label;
    private final Process process;
    private final int port;

    private ServerProcess(String label, List<String> command, int port, Path log) throws IOException {
        this.label = label;
        this.port = port;
        Files.createDirectories(log.getParent());
        this.process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        RUNNING.add(process);
    }

    /** The raw Netty reference server, from this program's own class path. */
    public static ServerProcess reference(int port, String key, List<String> jvmArgs, Path log) throws IOException {
        List<String> command = new ArrayList<>(java(jvmArgs));
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "io.pluginio.bench.reference.ReferenceServer",
                "--port",
                Integer.toString(port),
                "--key",
                key));
        return new ServerProcess("reference", command, port, log);
    }

    /** The plugin-io service jar with the example plugin's keys set to {@code key}. */
    public static ServerProcess service(
            Path jar, int port, String key, List<String> jvmArgs, List<String> appArgs, Path log) throws IOException {
        List<String> command = new ArrayList<>(java(jvmArgs));
        command.addAll(List.of(
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--plugin-io.plugins[notifications_demo].secrets[ws-api-key]=" + key,
                "--plugin-io.plugins[notifications_demo].secrets[simpleapi-api-key]=" + key));
        command.addAll(appArgs);
        return new ServerProcess("service", command, port, log);
    }

    /** A private, non-persistent Redis on loopback (the shared one is left alone). */
    public static ServerProcess redis(int port, Path log) throws IOException {
        return new ServerProcess(
                "redis",
                List.of("redis-server", "--bind", "127.0.0.1", "--port", Integer.toString(port), "--save", "",
                        "--appendonly", "no"),
                port,
                log);
    }

    private static List<String> java(List<String> jvmArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        return command;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** Waits until the port accepts connections; fails if the process exits or {@code timeout} passes. */
    public ServerProcess awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(label + " exited with " + process.exitValue() + " before listening");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return this;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(label + " not listening on " + port + " after " + timeout);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(process);
    }
}
