package io.pluginio.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON logs are one configuration property away, and never carry an api_key value. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.structured.format.console=ecs")
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTests {

    private static final Logger logger = LoggerFactory.getLogger(StructuredLogsTests.class);

    @Test
    void eventsAreJsonWithTheApiKeyMasked(CapturedOutput output) {
        logger.info("redaction check: HTTP GET \"/plugin-io/ws/demo/news/?api_key=k-8c1f2e&since=4\"");
        logger.warn(
                "redaction check: upgrade failed", new IllegalStateException("bad uri /x?since=1&API_KEY=k-77aa91"));

        List<JsonNode> events = output.getOut()
                .lines()
                .filter(line -> line.contains("redaction check"))
                .map(line -> JsonMapper.builder().build().readTree(line))
                .toList();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).path("message").asString())
                .isEqualTo("redaction check: HTTP GET \"/plugin-io/ws/demo/news/?api_key=[redacted]&since=4\"");
        assertThat(events.get(0).path("log").path("level").asString()).isEqualTo("INFO");
        assertThat(events.get(1).path("error").path("stack_trace").asString()).contains("API_KEY=[redacted]");
        assertThat(output.getAll()).doesNotContain("k-8c1f2e", "k-77aa91");
    }
}
