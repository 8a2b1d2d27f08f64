package io.pluginio.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Helm chart {@code helm/plugin-io}, with real Helm (embedded by helm-java): lint, render with
 * the default and a production-like set of values, the values schema, and the rendered objects
 * against the Kubernetes API schemas.
 */
class HelmChartTests {

    private static final Path CHART = Path.of("helm/plugin-io");

    private static final Path PRODUCTION_VALUES = Path.of("src/test/resources/deploy/production-values.yaml");

    @Test
    void lintStrictPasses() {
        LintResult result = new Helm(CHART).lint().strict().call();

        assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(message -> message.contains("[WARNING]"));
    }

    @Test
    void defaultValuesRenderOneHardenedReplicaWithTheMemoryBroker() {
        Manifests manifests = render(template -> template);

        Manifest deployment = manifests.one("Deployment");
        assertThat(deployment.get("spec.replicas")).isEqualTo(1);
        Manifest pod = deployment.at("spec.template.spec");
        assertThat(pod.get("securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(pod.get("automountServiceAccountToken")).isEqualTo(false);
        // preStop 5 + (readiness delay 2 + window 10 + slack 5) + HTTP 10 + slack 5
        assertThat(pod.get("terminationGracePeriodSeconds")).isEqualTo(37);
        assertThat(pod.list("initContainers")).isEmpty();

        Manifest container = pod.list("containers").get(0);
        assertThat(container.get("livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat(container.get("readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
        assertThat(container.get("startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat(container.get("lifecycle.preStop.exec.command")).isEqualTo(List.of("sleep", "5"));
        assertThat(container.get("securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(container.get("securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(container.get("resources.limits.memory")).isEqualTo("512Mi");
        assertThat(container.get("image")).isEqualTo("plugin-io:0.1.0");
        assertThat(mountPaths(container)).containsExactlyInAnyOrder("/config", "/tmp", "/opt/plugin-io/plugins");
        assertThat(env(container)).containsEntry("LOADER_PATH", "/opt/plugin-io/plugins");
        assertThat(env(container)).containsEntry("SPRING_CONFIG_ADDITIONAL_LOCATION", "optional:file:/config/");
        assertThat(env(container)).doesNotContainKey("SPRING_DATA_REDIS_URL");
        assertThat(pod.list("volumes"))
                .filteredOn(volume -> volume.has("emptyDir"))
                .extracting(volume -> volume.get("name"))
                .containsExactlyInAnyOrder("tmp", "plugins");

        Map<String, Object> config = applicationConfig(manifests);
        assertThat(path(config, "plugin-io.broker")).isEqualTo("memory");
        assertThat(path(config, "plugin-io.drain.readiness-delay")).isEqualTo("2s");
        assertThat(path(config, "plugin-io.drain.window")).isEqualTo("10s");
        assertThat(path(config, "spring.lifecycle.timeout-per-shutdown-phase")).isEqualTo("17s");
        assertThat(path(config, "logging.structured.format.console")).isEqualTo("ecs");

        assertThat(manifests.kinds())
                .containsExactlyInAnyOrder(
                        "ServiceAccount", "Secret", "ConfigMap", "Service", "Deployment", "PodDisruptionBudget");
    }

    @Test
    void productionValuesRenderRedisIngressAutoscalingAndMonitoring() {
        Manifests manifests = render(template -> template.withValuesFile(PRODUCTION_VALUES));

        Manifest deployment = manifests.one("Deployment");
        // The HPA owns the replica count.
        assertThat(deployment.has("spec.replicas")).isFalse();
        assertThat(deployment.get("spec.strategy.rollingUpdate.maxUnavailable")).isEqualTo(0);
        Manifest pod = deployment.at("spec.template.spec");
        assertThat(pod.get("terminationGracePeriodSeconds")).isEqualTo(5 + (3 + 20 + 5) + 15 + 5);

        Manifest container = pod.list("containers").get(0);
        assertThat(container.get("image")).isEqualTo("registry.example.com/plugin-io:1.2.3");
        Manifest redisUrl = container.list("env").stream()
                .filter(variable -> "SPRING_DATA_REDIS_URL".equals(variable.get("name")))
                .findFirst()
                .orElseThrow();
        assertThat(redisUrl.get("valueFrom.secretKeyRef.name")).isEqualTo("plugin-io-redis");
        assertThat(redisUrl.get("valueFrom.secretKeyRef.key")).isEqualTo("url");
        assertThat(container.get("envFrom")).isEqualTo(List.of(Map.of("secretRef", Map.of("name", "test-plugin-io"))));

        Manifest init = pod.list("initContainers").get(0);
        assertThat(init.get("name")).isEqualTo("plugin-hello");
        assertThat(init.get("image")).isEqualTo("registry.example.com/hello-plugin:1.0.0");
        assertThat(init.get("command")).isEqualTo(List.of("sh", "-c", "cp /plugins/*.jar /opt/plugin-io/plugins/"));
        assertThat(mountPaths(init)).containsExactly("/opt/plugin-io/plugins");

        Map<String, Object> config = applicationConfig(manifests);
        assertThat(path(config, "plugin-io.broker")).isEqualTo("redis");
        assertThat(path(config, "plugin-io.websocket.max-connections")).isEqualTo(20000);
        assertThat(path(config, "spring.lifecycle.timeout-per-shutdown-phase")).isEqualTo("28s");

        Manifest secret = manifests.one("Secret");
        assertThat(secret.map("data"))
                .containsOnlyKeys(
                        "PLUGIN_IO_SECRET__notifications_demo__simpleapi-api-key",
                        "PLUGIN_IO_SECRET__notifications_demo__ws-api-key",
                        "PLUGINIO_SECURITY_SESSIONTOKEN_HMACSECRET");
        // Secret values never appear in clear outside the Secret.
        assertThat(manifests.text()).doesNotContain("callback-key", "socket-key");

        Manifest ingress = manifests.one("Ingress");
        assertThat(ingress.map("metadata.annotations"))
                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600");
        assertThat(ingress.get("spec.rules")).asString().contains("plugins.example.com", "/plugin-io");
        assertThat(ingress.get("spec.tls")).asString().contains("plugins-example-com-tls");

        Manifest autoscaler = manifests.one("HorizontalPodAutoscaler");
        assertThat(autoscaler.get("spec.minReplicas")).isEqualTo(3);
        assertThat(autoscaler.get("spec.maxReplicas")).isEqualTo(12);
        assertThat(autoscaler.get("spec.metrics")).asString().contains("averageUtilization=65");

        Manifest monitor = manifests.one("ServiceMonitor");
        assertThat(monitor.get("metadata.labels.release")).isEqualTo("prometheus");
        assertThat(monitor.list("spec.endpoints").get(0).get("path")).isEqualTo("/actuator/prometheus");
        assertThat(manifests.one("PodDisruptionBudget").get("spec.maxUnavailable"))
                .isEqualTo(1);
    }

    @Test
    void aWebSocketTimeoutAnnotationCanBeChangedOrDropped(@TempDir Path directory) throws Exception {
        Path values = directory.resolve("values.yaml");
        Files.writeString(values, """
                ingress:
                  enabled: true
                  annotations:
                    nginx.ingress.kubernetes.io/proxy-read-timeout: "7200"
                    nginx.ingress.kubernetes.io/proxy-send-timeout: null
                """);

        Manifests manifests = render(template -> template.withValuesFile(values));

        assertThat(manifests.one("Ingress").map("metadata.annotations"))
                .containsExactly(Map.entry("nginx.ingress.kubernetes.io/proxy-read-timeout", "7200"));
    }

    @Test
    void anExistingSecretReplacesTheChartsSecret() {
        Manifests manifests = render(template ->
                template.set("secrets.existingSecret", "my-secrets").set("secrets.plugins.demo.key", "ignored"));

        assertThat(manifests.kinds()).doesNotContain("Secret");
        Manifest container = manifests
                .one("Deployment")
                .list("spec.template.spec.containers")
                .get(0);
        assertThat(container.get("envFrom")).isEqualTo(List.of(Map.of("secretRef", Map.of("name", "my-secrets"))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            replicaCount                 | 0        | /replicaCount
            broker.type                  | kafka    | /broker/type
            logFormat                    | xml      | /logFormat
            drain.windowSeconds          | -1       | /drain/windowSeconds
            redis.url                    | http://x | /redis/url
            replicas                     | 3        | replicas
            service.port                 | 70000    | /service/port
            secrets.plugins.bad-name.key | value    | bad-name
            secrets.sessionTokenHmacSecret | too-short | /secrets/sessionTokenHmacSecret
            """)
    void valuesOutsideTheSchemaAreRejected(String key, String value, String named) {
        assertThatThrownBy(() -> render(template -> template.set(key, value)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(named);
    }

    @Test
    void severalReplicasWithTheMemoryBrokerAreRejected() {
        assertThatThrownBy(() -> render(template -> template.set("replicaCount", "3")))
                .hasMessageContaining("needs broker.type=redis");
    }

    @Test
    void theRedisBrokerWithoutAUrlIsRejected() {
        assertThatThrownBy(() -> render(template -> template.set("broker.type", "redis")))
                .hasMessageContaining("broker.type=redis needs redis.url");
    }

    @Test
    void renderedObjectsMatchTheKubernetesApiSchemas(@TempDir Path directory) throws Exception {
        List<Object> objects = new ArrayList<>();
        objects.addAll(render(template -> template).objects());
        objects.addAll(
                render(template -> template.withValuesFile(PRODUCTION_VALUES)).objects());
        Path file = directory.resolve("manifests.json");
        Files.writeString(file, JsonMapper.builder().build().writeValueAsString(objects));

        NodeTools.Result result = NodeTools.node("validate-manifests.mjs", file.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines()).hasSize(objects.size()).allMatch(line -> line.startsWith("ok "));
    }

    @Test
    void theValidatorRejectsAnInvalidObject(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("manifests.json");
        Files.writeString(file, """
                [{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"},
                  "spec": {"ports": [{"port": "eighty"}]}}]""");

        NodeTools.Result result = NodeTools.node("validate-manifests.mjs", file.toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("invalid Service/s", "must be integer");
    }

    private static Manifests render(UnaryOperator<TemplateCommand> values) {
        String yaml = values.apply(new Helm(CHART).template().withName("test").withKubeVersion("1.30.0"))
                .call();
        List<Manifest> manifests = new ArrayList<>();
        for (Object document : new Yaml().loadAll(yaml)) {
            if (document instanceof Map<?, ?> map) {
                manifests.add(new Manifest(map));
            }
        }
        return new Manifests(yaml, manifests);
    }

    private static Map<String, Object> applicationConfig(Manifests manifests) {
        String text = (String) manifests.one("ConfigMap").get("data.application.yaml");
        return new Yaml().load(text);
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> map, String dotted) {
        Object current = map;
        for (String key : dotted.split("\\.")) {
            current = ((Map<String, Object>) Objects.requireNonNull(current, dotted)).get(key);
        }
        return current;
    }

    private static List<String> mountPaths(Manifest container) {
        return container.list("volumeMounts").stream()
                .map(mount -> (String) mount.get("mountPath"))
                .toList();
    }

    private static Map<String, Object> env(Manifest container) {
        Map<String, Object> env = new java.util.HashMap<>();
        container.list("env").stream()
                .filter(variable -> variable.has("value"))
                .forEach(variable -> env.put((String) variable.get("name"), variable.get("value")));
        return env;
    }

    private record Manifests(String text, List<Manifest> all) {

        Manifest one(String kind) {
            List<Manifest> matching = all.stream()
                    .filter(manifest -> kind.equals(manifest.get("kind")))
                    .toList();
            assertThat(matching).as("objects of kind %s", kind).hasSize(1);
            return matching.get(0);
        }

        List<String> kinds() {
            return all.stream().map(manifest -> (String) manifest.get("kind")).toList();
        }

        List<Map<?, ?>> objects() {
            return all.stream().<Map<?, ?>>map(Manifest::map).toList();
        }
    }

    /** A rendered object, read by dotted paths; keys with dots ("application.yaml") are matched whole first. */
    private record Manifest(Map<?, ?> map) {

        Object get(String path) {
            return lookup(map, path);
        }

        boolean has(String path) {
            return lookup(map, path) != null;
        }

        Manifest at(String path) {
            return new Manifest((Map<?, ?>) Objects.requireNonNull(get(path), path));
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(String path) {
            return (Map<String, Object>) Objects.requireNonNull(get(path), path);
        }

        List<Manifest> list(String path) {
            Object value = get(path);
            if (value == null) {
                return List.of();
            }
            return ((List<?>) value)
                    .stream().map(item -> new Manifest((Map<?, ?>) item)).toList();
        }

        private static Object lookup(Map<?, ?> map, String path) {
            if (map.containsKey(path)) {
                return map.get(path);
            }
            int dot = path.indexOf('.');
            while (dot > 0) {
                Object child = map.get(path.substring(0, dot));
                if (child instanceof Map<?, ?> childMap) {
                    Object found = lookup(childMap, path.substring(dot + 1));
                    if (found != null) {
                        return found;
                    }
                }
                dot = path.indexOf('.', dot + 1);
            }
            return null;
        }
    }
}
