package io.pluginio.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's {@code application.yml} makes every structured (JSON) log format mask {@code
 * api_key} values. Encodes events with Spring Boot's own encoder in a logger context of its own, so
 * the JVM's logging (shared with other tests) is left alone; {@code PackagedServiceTests} sees the
 * whole service log JSON.
 */
class StructuredLogsTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void ecsEventsAreJsonWithTheApiKeyMaskedInMessageAndStackTrace() throws Exception {
        StructuredLogEncoder encoder = encoder("ecs");

        JsonNode info = encode(encoder, "HTTP GET \"/plugin-io/ws/demo/news/?api_key=k-8c1f2e&since=4\"", null);
        JsonNode warn =
                encode(encoder, "upgrade failed", new IllegalStateException("bad uri /x?since=1&API_KEY=k-77aa91"));

        assertThat(info.path("message").asString())
                .isEqualTo("HTTP GET \"/plugin-io/ws/demo/news/?api_key=[redacted]&since=4\"");
        assertThat(info.path("log").path("level").asString()).isEqualTo("INFO");
        assertThat(warn.path("error").path("message").asString()).isEqualTo("bad uri /x?since=1&API_KEY=[redacted]");
        assertThat(warn.path("error").path("stack_trace").asString()).contains("API_KEY=[redacted]");
        assertThat(info + "" + warn).doesNotContain("k-8c1f2e", "k-77aa91");
    }

    @Test
    void logstashEventsAreMaskedToo() throws Exception {
        JsonNode event = encode(encoder("logstash"), "GET /plugin-io/ws/a/b?api_key=k-1d2e3f", null);

        assertThat(event.path("message").asString()).isEqualTo("GET /plugin-io/ws/a/b?api_key=[redacted]");
    }

    private JsonNode encode(StructuredLogEncoder encoder, String message, Throwable error) {
        LoggerContext context = (LoggerContext) encoder.getContext();
        LoggingEvent event = new LoggingEvent(
                StructuredLogsTests.class.getName(),
                context.getLogger("io.pluginio.test"),
                error == null ? Level.INFO : Level.WARN,
                message,
                error,
                null);
        return json.readTree(new String(encoder.encode(event), StandardCharsets.UTF_8));
    }

    private static StructuredLogEncoder encoder(String format) throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        for (PropertySource<?> source :
                new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))) {
            environment.getPropertySources().addLast(source);
        }
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putObject(Environment.class.getName(), environment);
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.start();
        return encoder;
    }
}
