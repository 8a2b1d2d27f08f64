package com.example.hello;

import io.pluginio.plugin.ApiKeyAuth;
import io.pluginio.plugin.Broadcast;
import io.pluginio.plugin.Effect;
import io.pluginio.plugin.JSONResponse;
import io.pluginio.plugin.Plugin;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /plugin-io/api/hello/...}, for clients whose {@code Authorization} header holds the secret
 * {@code simpleapi-api-key} (environment variable {@code PLUGIN_IO_SECRET__hello__simpleapi-api-key}).
 */
@Plugin("hello")
class HelloRoutes implements ApiKeyAuth {

    /** {@code GET /greeting?name=Ada}: {@code {"greeting": "Hello, Ada"}}. */
    @GetMapping("/greeting")
    List<Effect> greeting(@RequestParam(defaultValue = "world") String name) {
        return List.of(new JSONResponse(Map.of("greeting", "Hello, " + name)));
    }

    /** {@code POST /announce}: broadcasts its JSON body to channel {@code lobby}. */
    @PostMapping("/announce")
    List<Effect> announce(@RequestBody Map<String, Object> body) {
        return List.of(new Broadcast("lobby", body), JSONResponse.accepted(Map.of("status", "ok")));
    }
}
