package io.pluginio.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** An operator who exposes env and configprops still sees names, never values. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {SecretsExposureTests.SECRET_PROPERTY, "management.endpoints.web.exposure.include=env,configprops"
        })
@AutoConfigureWebTestClient
class SecretsMaskedInActuatorTests {

    @Autowired
    WebTestClient client;

    @Test
    void envShowsTheSecretsNameButNotItsValue() {
        client.get()
                .uri("/actuator/env")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body)
                        .contains("plugin-io.plugins[notifications_demo].secrets[ws-api-key]")
                        .doesNotContain(SecretsExposureTests.SECRET));
    }

    @Test
    void configpropsShowsNoSecretValue() {
        client.get()
                .uri("/actuator/configprops")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("plugin-io").doesNotContain(SecretsExposureTests.SECRET));
    }

    @Test
    void aSingleEnvEntryShowsNoValue() {
        SecretsExposureTests.assertNoSecretIn(
                client, "/actuator/env/plugin-io.plugins[notifications_demo].secrets[ws-api-key]");
    }
}
