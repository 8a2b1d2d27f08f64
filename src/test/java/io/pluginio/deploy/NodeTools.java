package io.pluginio.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Node tools the deployment tests run ({@code src/test/node}: kubernetes-models, dockerfilelint,
 * dockerfile-utils), installed once per build with {@code npm ci} into {@code target/node-tools}.
 * npm's cache makes later installs work offline. Tests that need them are skipped, with a reason,
 * on a machine without Node.
 */
final class NodeTools {

    private static final Path SOURCE = Path.of("src/test/node");

    private static final Path HOME = Path.of("target/node-tools");

    private static boolean installed;

    private NodeTools() {}

    /** The result of a finished command: exit code and its merged stdout and stderr. */
    record Result(int exitCode, String output) {}

    /** Installs the tools unless already installed; skips the calling test when Node is missing. */
    static synchronized Path home() throws IOException, InterruptedException {
        assumeTrue(onPath("node") && onPath("npm"), "node and npm are needed to validate deployment files");
        if (installed) {
            return HOME;
        }
        Files.createDirectories(HOME);
        for (String file : List.of("package.json", "package-lock.json", "validate-manifests.mjs")) {
            Files.copy(SOURCE.resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Result install =
                run(HOME, List.of("npm", "ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"), 300);
        assertThat(install.exitCode())
                .as("npm ci in %s:%n%s", HOME, install.output())
                .isZero();
        installed = true;
        return HOME;
    }

    /** Runs an executable of {@code node_modules/.bin}. */
    static Result bin(String name, String... arguments) throws IOException, InterruptedException {
        Path home = home();
        List<String> command = new ArrayList<>();
        command.add(
                home.resolve("node_modules/.bin").resolve(name).toAbsolutePath().toString());
        command.addAll(List.of(arguments));
        return run(home, command, 120);
    }

    /** Runs a script of {@code src/test/node} with node. */
    static Result node(String script, String... arguments) throws IOException, InterruptedException {
        Path home = home();
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(arguments));
        return run(home, command, 120);
    }

    private static Result run(Path directory, List<String> command, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("node-tools", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, executable))) {
                return true;
            }
        }
        return false;
    }
}
