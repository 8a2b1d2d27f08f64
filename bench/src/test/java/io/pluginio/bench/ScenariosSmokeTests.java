package io.pluginio.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs each scenario briefly, once, against the reference server (and against the service when
 * {@code -Dbench.serviceJar=<jar>} is given), through the same runner the command line uses.
 * Asserts what holds at any speed: every connection opened, nothing lost, duplicated or
 * reordered, and the figures computed. No figure is compared with a threshold.
 */
class ScenariosSmokeTests {

    private static final List<String> SMALL = List.of(
            "--rounds", "1",
            "--connections", "200",
            "--warmup-connections", "20",
            "--hold", "0",
            "--subscribers", "50",
            "--channels", "5",
            "--publishers", "4",
            "--rate", "40",
            "--warmup", "1",
            "--duration", "2",
            "--drain", "10",
            "--settle-ms", "500",
            "--sources", "2",
            "--out", "target/bench-results/smoke.md",
            "--logs", "target/bench-logs");

    @ParameterizedTest
    @ValueSource(strings = {"idle", "fanout", "channels", "storm", "replicas"})
    void scenarioAgainstReferenceRunsAndLosesNothing(String scenario) throws Exception {
        Map<String, List<Result>> results = measure(scenario, List.of("--systems", "reference"));

        assertSound(scenario, results.get("reference").get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"idle", "fanout", "channels", "storm", "replicas"})
    void scenarioAgainstServiceRunsAndLosesNothing(String scenario) throws Exception {
        String jar = System.getProperty("bench.serviceJar", "");
        assumeTrue(!jar.isBlank() && !jar.startsWith("${") && Files.isRegularFile(Path.of(jar)), "no -Dbench.serviceJar");
        String system = scenario.equals("replicas") ? "service-x2" : "service";

        Map<String, List<Result>> results =
                measure(scenario, List.of("--systems", system, "--service-jar", jar));

        assertSound(scenario, results.get(system).get(0));
    }

    private static Map<String, List<Result>> measure(String scenario, List<String> extra) throws Exception {
        List<String> args = new ArrayList<>(SMALL);
        args.addAll(extra);
        return new Runner(scenario, Options.parse(args)).measure();
    }

    private static void assertSound(String scenario, Result result) {
        switch (scenario) {
            case "idle" -> {
                assertEquals(200, result.get("connections"));
                assertEquals(0, result.get("failed"));
                assertTrue(result.get("rss_after_mib") > 0);
            }
            case "storm" -> {
                assertEquals(200, result.get("connections"));
                assertEquals(0, result.get("failed"));
                assertTrue(result.get("handshakes_per_s") > 0);
            }
            default -> {
                assertEquals(50, result.get("subscribers"));
                assertEquals(0, result.get("publish_errors"));
                assertTrue(result.get("published") > 0);
                assertTrue(result.get("expected") > 0);
                assertEquals(0, result.get("lost"));
                assertEquals(0, result.get("duplicates"));
                assertEquals(0, result.get("reordered"));
            }
        }
    }
}
