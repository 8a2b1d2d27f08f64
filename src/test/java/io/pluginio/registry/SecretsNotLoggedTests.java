package io.pluginio.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.pluginio.PluginIoApplication;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * SPEC 5: secret values never reach a log line, from start-up (secrets given as command-line
 * arguments and as properties) to shutdown, with DEBUG logging for plugin-io and Spring, while
 * clients send the right secret, a wrong one, and the secret in a Basic header.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedTests {

    @Test
    void secretValuesAreInNoLogLineFromStartUpToShutdown(CapturedOutput output) {
        String apiKey = "api-key-" + UUID.randomUUID();
        String wsKey = "ws-key-" + UUID.randomUUID();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PluginIoApplication.class)
                .properties(
                        "server.port=0",
                        "logging.level.io.pluginio=DEBUG",
                        "logging.level.org.springframework=DEBUG",
                        "plugin-io.plugins[notifications_demo].secrets[ws-api-key]=" + wsKey)
                .run("--plugin-io.plugins[notifications_demo].secrets[simpleapi-api-key]=" + apiKey)) {
            int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            WebTestClient client = WebTestClient.bindToServer()
                    .baseUrl("http://127.0.0.1:" + port)
                    .build();

            callback(client, apiKey).expectStatus().isAccepted();
            callback(client, wsKey).expectStatus().isUnauthorized();
            callback(client, "Basic " + Base64.getEncoder().encodeToString(("u:" + apiKey).getBytes()))
                    .expectStatus()
                    .isUnauthorized();
            client.get().uri("/actuator/health").exchange().expectStatus().isEqualTo(HttpStatus.OK);
        }

        assertThat(output.toString())
                .contains("HTTP POST \"/plugin-io/api/notifications_demo/callback\"")
                .doesNotContain(apiKey)
                .doesNotContain(wsKey);
    }

    private static WebTestClient.ResponseSpec callback(WebTestClient client, String authorization) {
        return client.post()
                .uri("/plugin-io/api/notifications_demo/callback")
                .header("Authorization", authorization)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\": \"hello\"}")
                .exchange();
    }
}
