package io.pluginio.example;

import io.pluginio.plugin.ApiKeyAuth;
import io.pluginio.plugin.Broadcast;
import io.pluginio.plugin.Effect;
import io.pluginio.plugin.JSONResponse;
import io.pluginio.plugin.Plugin;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /plugin-io/api/notifications_demo/callback}: authenticated by the API key in secret
 * {@code simpleapi-api-key}, broadcasts its JSON body to channel {@code notifications}.
 */
@Plugin("notifications_demo")
class NotificationsCallback implements ApiKeyAuth {

    @PostMapping("/callback")
    List<Effect> callback(@RequestBody JsonNode body) {
        return List.of(new Broadcast("notifications", body), JSONResponse.accepted(Map.of("status", "ok")));
    }
}
