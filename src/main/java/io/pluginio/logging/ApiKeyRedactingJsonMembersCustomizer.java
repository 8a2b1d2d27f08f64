package io.pluginio.logging;

import java.util.regex.Pattern;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Masks the value of every {@code api_key} query parameter in structured (JSON) log events: message,
 * stack trace, MDC and the rest. The service's own code never logs a key, but libraries at DEBUG log
 * request URIs with their query string; this keeps such a line from leaking one.
 *
 * <p>Named by {@code logging.structured.json.customizer} in {@code application.yml}, so it applies to
 * every structured format ({@code logging.structured.format.console=ecs}, {@code gelf}, {@code
 * logstash}).
 */
public final class ApiKeyRedactingJsonMembersCustomizer implements StructuredLoggingJsonMembersCustomizer<Object> {

    /** {@code api_key=} up to the end of the parameter; also matches the URL-encoded {@code api%5Fkey}. */
    private static final Pattern API_KEY = Pattern.compile("(?i)(api(?:_|%5f)key=)[^&\\s\"'#]+");

    static final String REDACTED = "[redacted]";

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(
                JsonWriter.ValueProcessor.of(String.class, ApiKeyRedactingJsonMembersCustomizer::redact));
    }

    /** {@code text} with every {@code api_key} value replaced by {@value #REDACTED}. */
    static String redact(String text) {
        if (text.indexOf('=') < 0) {
            return text;
        }
        return API_KEY.matcher(text).replaceAll("$1" + REDACTED);
    }
}
