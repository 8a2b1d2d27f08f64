package io.pluginio.broker;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} child process of the test on a free loopback port, without persistence,
 * that a test can kill and start again on the same port.
 */
final class RedisServerProcess implements AutoCloseable {

    private final int port;

    private final Path log;

    private Process process;

    private RedisServerProcess(int port) throws IOException {
        this.port = port;
        this.log = Files.createTempFile("redis-outage-test-", ".log");
    }

    /** Whether a {@code redis-server} executable is on the PATH. */
    static boolean isInstalled() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, "redis-server"))) {
                return true;
            }
        }
        return false;
    }

    static RedisServerProcess startOnFreePort() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        RedisServerProcess server = new RedisServerProcess(port);
        server.start();
        return server;
    }

    String url() {
        return "redis://127.0.0.1:" + this.port;
    }

    /** Starts the server and returns once it accepts connections. */
    void start() throws IOException {
        this.process = new ProcessBuilder(
                        "redis-server",
                        "--bind",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(this.port),
                        "--save",
                        "",
                        "--appendonly",
                        "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!accepts()) {
            if (System.nanoTime() > deadline || !this.process.isAlive()) {
                throw new IllegalStateException(
                        "redis-server did not start on port " + this.port + ", see " + this.log);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }

    /** Kills the server as a crash would (SIGKILL) and waits until it is gone. */
    void kill() throws InterruptedException {
        this.process.destroyForcibly();
        if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("redis-server did not die");
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        if (this.process != null && this.process.isAlive()) {
            kill();
        }
        Files.deleteIfExists(this.log);
    }
}
