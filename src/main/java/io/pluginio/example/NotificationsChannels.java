package io.pluginio.example;

import io.pluginio.plugin.ApiKeyAuth;
import io.pluginio.plugin.Broadcast;
import io.pluginio.plugin.Effect;
import io.pluginio.plugin.JSONResponse;
import io.pluginio.plugin.Plugin;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /plugin-io/api/notifications_demo/channels/<channel>}: authenticated like the
 * callback, broadcasts its JSON body to the channel named in the path. The benchmark's
 * {@code channels} scenario publishes through it to many channels.
 */
@Plugin("notifications_demo")
class NotificationsChannels implements ApiKeyAuth {

    @PostMapping("/channels/{channel}")
    List<Effect> publish(@PathVariable String channel, @RequestBody JsonNode body) {
        return List.of(new Broadcast(channel, body), JSONResponse.accepted(Map.of("status", "ok")));
    }
}
