package io.pluginio.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * SPEC 5: secret values never appear in actuator output. The shipped configuration does not expose
 * env and configprops at all; {@link SecretsMaskedInActuatorTests} exposes them.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = SecretsExposureTests.SECRET_PROPERTY)
@AutoConfigureWebTestClient
class SecretsExposureTests {

    static final String SECRET = "exposure-test-Secret-value-81f2";

    static final String SECRET_PROPERTY = "plugin-io.plugins[notifications_demo].secrets[ws-api-key]=" + SECRET;

    static void assertNoSecretIn(WebTestClient client, String path) {
        client.get()
                .uri(path)
                .exchange()
                .expectBody(String.class)
                .value(body -> assertThat(body == null ? "" : body).doesNotContain(SECRET));
    }

    @Autowired
    WebTestClient client;

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/env", "/actuator/configprops", "/actuator/env/plugin-io.plugins"})
    void configurationEndpointsAreNotExposed(String path) {
        client.get().uri(path).exchange().expectStatus().is4xxClientError();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator", "/actuator/health", "/actuator/info", "/actuator/prometheus"})
    void exposedEndpointsShowNoSecret(String path) {
        assertNoSecretIn(client, path);
    }
}
