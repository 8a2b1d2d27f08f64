package io.pluginio.example;

import io.pluginio.plugin.Broadcast;
import io.pluginio.plugin.Effect;
import io.pluginio.plugin.JSONResponse;
import io.pluginio.plugin.Plugin;
import io.pluginio.plugin.StaffSessionAuth;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /plugin-io/api/notifications_demo/send} with {@code {"text": "..."}}: lets a Staff
 * session broadcast {@code {"text": "..."}} to channel {@code notifications}, the way the demo page's
 * form does (a browser has no API key for {@code /callback}).
 */
@Plugin("notifications_demo")
final class NotificationsDemoSender implements StaffSessionAuth {

    /** Longest text accepted, in characters; longer ones answer 400. */
    static final int MAX_TEXT_LENGTH = 1000;

    @PostMapping("/send")
    List<Effect> send(@RequestBody JsonNode body) {
        JsonNode text = body.path("text");
        if (!text.isString()
                || text.stringValue().isBlank()
                || text.stringValue().length() > MAX_TEXT_LENGTH) {
            return List.of(new JSONResponse(
                    Map.of("error", "text must be a non-blank string of at most " + MAX_TEXT_LENGTH + " characters"),
                    HttpStatus.BAD_REQUEST));
        }
        return List.of(
                new Broadcast("notifications", Map.of("text", text.stringValue())),
                JSONResponse.accepted(Map.of("status", "ok")));
    }
}
