package io.pluginio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The JavaScript client ships inside the service, so that plugin pages can import it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class JavaScriptClientResourcesTests {

    @Autowired
    WebTestClient client;

    @Test
    void clientModulesAreServedAsJavaScriptUnderPluginIoClient() {
        for (String module : new String[] {"index.js", "client.js", "url.js", "policy.js"}) {
            client.get()
                    .uri("/plugin-io/client/" + module)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .value(
                            "Content-Type",
                            type -> assertThat(MediaType.parseMediaType(type).getSubtype())
                                    .isIn("javascript", "x-javascript"))
                    .expectBody(String.class)
                    .value(body -> assertThat(body).contains("export "));
        }
    }

    @Test
    void theIndexModuleExportsConnect() {
        client.get()
                .uri("/plugin-io/client/index.js")
                .exchange()
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("export { connect"));
    }
}
