package io.pluginio.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged service loads a plugin built on its own ({@code examples/hello-plugin}) from the
 * plugins directory: once started as {@code java -Dloader.path=<dir> -jar plugin-io.jar}, once in the
 * Docker image's layout (the jar's layers extracted as the Dockerfile does, started with its
 * ENTRYPOINT and {@code LOADER_PATH} in the environment).
 */
class PackagedServiceTests {

    private static final Path TARGET = Path.of("target").toAbsolutePath();

    private static final Path EXAMPLE = Path.of("examples/hello-plugin").toAbsolutePath();

    private static final String API_KEY = "hello-route-key";

    private static final String WS_KEY = "hello-socket-key";

    private static final Map<String, String> SECRETS = Map.of(
            "PLUGIN_IO_SECRET__hello__simpleapi-api-key", API_KEY, "PLUGIN_IO_SECRET__hello__ws-api-key", WS_KEY);

    private static final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    static Path work;

    private static Path serviceJar;

    private static Path plugins;

    @BeforeAll
    static void buildTheExamplePlugin() throws Exception {
        serviceJar = findJar(TARGET, name -> !name.endsWith("-plugin-api.jar"));
        Path apiJar = findJar(TARGET, name -> name.endsWith("-plugin-api.jar"));
        String version = serviceJar.getFileName().toString().replaceFirst("^plugin-io-(.*)\\.jar$", "$1");
        // What a plugin author gets from the artifact repository: the plugin-api jar with the service's pom.
        maven(Path.of("."), "install:install-file", "-Dfile=" + apiJar, "-DpomFile=pom.xml", "-Dclassifier=plugin-api");
        maven(EXAMPLE, "-f", EXAMPLE.resolve("pom.xml").toString(), "package", "-Dplugin-io.version=" + version);

        plugins = Files.createDirectories(work.resolve("plugins"));
        Path pluginJar = findJar(EXAMPLE.resolve("target"), name -> name.startsWith("hello-plugin"));
        Files.copy(pluginJar, plugins.resolve(pluginJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theJarLoadsPluginsFromLoaderPath() throws Exception {
        List<String> command = List.of(java(), "-Dloader.path=" + plugins, "-jar", serviceJar.toString());

        try (ServiceProcess service = ServiceProcess.start(command, SECRETS, work.resolve("jar.log"))) {
            assertTheHelloPluginServes(service);
        }
    }

    @Test
    void theImageLayoutLoadsPluginsFromLoaderPathInTheEnvironment() throws Exception {
        Path extracted = work.resolve("extracted");
        run(
                List.of(
                        java(),
                        "-Djarmode=tools",
                        "-jar",
                        serviceJar.toString(),
                        "extract",
                        "--layers",
                        "--launcher",
                        "--destination",
                        extracted.toString()),
                work,
                120);
        // The Dockerfile copies the layers, in this order, into one directory.
        Path app = work.resolve("opt-plugin-io");
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            copyTree(extracted.resolve(layer), app);
        }
        assertThat(app.resolve("BOOT-INF/lib")).isDirectory();
        assertThat(app.resolve("org/springframework/boot/loader/launch/PropertiesLauncher.class"))
                .isRegularFile();

        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(dockerfileEntrypoint().subList(1, dockerfileEntrypoint().size()).stream()
                .map(argument -> argument.replace("/opt/plugin-io", app.toString()))
                .toList());
        Map<String, String> environment = new java.util.HashMap<>(SECRETS);
        environment.put("LOADER_PATH", plugins.toString());
        // As the Helm chart configures it: JSON logs.
        environment.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");

        try (ServiceProcess service = ServiceProcess.start(command, environment, work.resolve("image.log"))) {
            assertTheHelloPluginServes(service);
            List<String> events = service.output()
                    .lines()
                    .filter(line -> line.contains("Started PluginIoApplication"))
                    .toList();
            assertThat(events).hasSize(1);
            assertThat(json.readTree(events.get(0)).path("log").path("level").asString())
                    .isEqualTo("INFO");
        }
    }

    private static void assertTheHelloPluginServes(ServiceProcess service) throws Exception {
        HttpResponse<String> info = service.get("/actuator/info");
        assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
        JsonNode installed = json.readTree(info.body()).path("plugins");
        assertThat(installed.valueStream().map(JsonNode::asString))
                .as(service.output())
                .contains("hello", "notifications_demo");

        HttpResponse<String> greeting = service.get("/plugin-io/api/hello/greeting?name=Ada", "Authorization", API_KEY);
        assertThat(greeting.statusCode()).as(greeting.body()).isEqualTo(200);
        assertThat(json.readTree(greeting.body()).path("greeting").asString()).isEqualTo("Hello, Ada");
        assertThat(service.get("/plugin-io/api/hello/greeting").statusCode()).isEqualTo(401);

        try (ChannelClient lobby =
                ChannelClient.connect(service.port(), "/plugin-io/ws/hello/lobby/?since=latest&api_key=" + WS_KEY)) {
            assertThat(lobby.next()).contains("\"recovered\":true");
            HttpResponse<String> announced =
                    service.post("/plugin-io/api/hello/announce", "{\"text\":\"hi all\"}", "Authorization", API_KEY);
            assertThat(announced.statusCode()).as(announced.body()).isEqualTo(202);
            assertThat(json.readTree(lobby.next()).path("message").path("text").asString())
                    .isEqualTo("hi all");
        }
        try (ChannelClient refused =
                ChannelClient.connect(service.port(), "/plugin-io/ws/hello/lobby/?api_key=wrong")) {
            assertThat(refused.closeCode()).isEqualTo(4403);
        }
        try (ChannelClient unknown =
                ChannelClient.connect(service.port(), "/plugin-io/ws/hello/other/?api_key=" + WS_KEY)) {
            assertThat(unknown.closeCode()).isEqualTo(4404);
        }

        assertThat(service.output()).doesNotContain(API_KEY, WS_KEY);
    }

    /** The exec-form ENTRYPOINT of the Dockerfile, as a list. */
    private static List<String> dockerfileEntrypoint() throws IOException {
        String line = Files.readAllLines(Path.of("Dockerfile")).stream()
                .filter(candidate -> candidate.startsWith("ENTRYPOINT "))
                .findFirst()
                .orElseThrow();
        List<String> entrypoint = new ArrayList<>();
        for (JsonNode argument : json.readTree(line.substring("ENTRYPOINT ".length()))) {
            entrypoint.add(argument.asString());
        }
        assertThat(entrypoint).first().isEqualTo("java");
        return entrypoint;
    }

    private static void maven(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of("mvnw").toAbsolutePath().toString(),
                "--batch-mode",
                "--no-transfer-progress",
                "--no-snapshot-updates",
                "-q"));
        command.addAll(List.of(arguments));
        run(command, directory, 300);
    }

    private static void run(List<String> command, Path directory, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(work, "command", ".log");
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(
                    command + " did not finish in " + timeoutSeconds + " s:\n" + Files.readString(log));
        }
        assertThat(process.exitValue())
                .as("%s:%n%s", command, Files.readString(log))
                .isZero();
    }

    private static Path findJar(Path directory, java.util.function.Predicate<String> matching) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> jars = files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .filter(file -> matching.test(file.getFileName().toString()))
                    .toList();
            assertThat(jars).as("jars in %s", directory).hasSize(1);
            return jars.get(0);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source)) {
            return;
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path destination = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
