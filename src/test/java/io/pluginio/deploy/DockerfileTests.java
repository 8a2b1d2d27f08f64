package io.pluginio.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Dockerfile, checked without a Docker engine: two linters from npm, and the facts an operator
 * relies on. {@code PackagedServiceTests} runs the image's layout (extracted layers, the
 * ENTRYPOINT's launcher, the plugins directory) as a process.
 */
class DockerfileTests {

    private static final Path DOCKERFILE = Path.of("Dockerfile").toAbsolutePath();

    @Test
    void dockerfilelintFindsNoIssue() throws Exception {
        NodeTools.Result result = NodeTools.bin("dockerfilelint", "-o", "json", DOCKERFILE.toString());

        assertThat(result.output()).contains("\"totalIssues\":0");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void dockerfileUtilsFindsNoProblem() throws Exception {
        NodeTools.Result result = NodeTools.bin("dockerfile-utils", "lint", DOCKERFILE.toString());

        assertThat(result.output()).isBlank();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void lintersReportABrokenDockerfile(@TempDir Path directory) throws Exception {
        Path broken = directory.resolve("Dockerfile");
        Files.writeString(broken, "FROM ubuntu:latest\nEXPOSE 80000\nUSER\n");

        assertThat(NodeTools.bin("dockerfilelint", "-o", "json", broken.toString())
                        .exitCode())
                .isNotZero();
        assertThat(NodeTools.bin("dockerfile-utils", "lint", broken.toString()).output())
                .contains("Instruction has no arguments");
    }

    @Test
    void imageRunsAsANumericNonRootUserWithContainerAwareMemory() throws Exception {
        List<String> lines = Files.readAllLines(DOCKERFILE);

        assertThat(lines).filteredOn(line -> line.startsWith("FROM ")).hasSize(2);
        assertThat(lines).filteredOn(line -> line.startsWith("USER ")).containsExactly("USER 10001:10001");
        assertThat(String.join("\n", lines))
                .contains("-XX:MaxRAMPercentage=")
                .contains("LOADER_PATH=/opt/plugin-io/plugins")
                .contains("extract --layers --launcher")
                .contains("org.springframework.boot.loader.launch.PropertiesLauncher");
    }
}
