package io.pluginio.web;

import static io.pluginio.web.ApiErrors.assertApiError;

import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every mapping annotation of SPEC 4 mounted under {@code /plugin-io/api/<plugin>} with and without
 * a class-level prefix ({@code routes_p}); a plugin name the URL rules refuse; the ready-made
 * authenticators when their secrets are not configured ({@code routes_keyless}).
 */
@SimpleApiTest
class SimpleApiRoutesTests {

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @Test
    void putPatchAndDeleteRoutesAreMountedUnderTheClassPrefix() {
        for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)) {
            client.method(method)
                    .uri("/plugin-io/api/routes_p/items/7")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .isEqualTo(method.name() + " 7");
        }
        client.get()
                .uri("/plugin-io/api/routes_p/items/7")
                .exchange()
                .expectStatus()
                .isNotFound();
        client.put().uri("/plugin-io/api/routes_p/7").exchange().expectStatus().isNotFound();
    }

    @Test
    void aRouteClassWithoutPrefixIsMountedAtThePluginRoot() {
        client.get()
                .uri("/plugin-io/api/routes_p/root")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("root");
    }

    @Test
    void routeHandlersRunOffTheEventLoopWithOrWithoutABody() {
        client.get()
                .uri("/plugin-io/api/routes_p/thread")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("may block");
        client.post()
                .uri("/plugin-io/api/routes_p/thread")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("body")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("body: may block");
    }

    @Test
    void aPluginNameTheUrlRulesRefuseIsABadRequestBeforeAuthentication() {
        for (String path : List.of(
                "/plugin-io/api/bad-name/items/7", "/plugin-io/api/caf%C3%A9/root", "/plugin-io/api/routes.p")) {
            assertApiError(
                    client.get()
                            .uri(URI.create("http://127.0.0.1:" + port + path))
                            .exchange(),
                    HttpStatus.BAD_REQUEST,
                    "Invalid plugin name. Plugin name must be alphanumeric and can contain underscores.");
        }
    }

    @Test
    void anApiUrlWithoutAPluginNameIsNotFound() {
        for (String path : List.of("/plugin-io/api/", "/plugin-io/api")) {
            assertApiError(
                    client.get()
                            .uri(URI.create("http://127.0.0.1:" + port + path))
                            .exchange(),
                    HttpStatus.NOT_FOUND,
                    "Not Found");
        }
    }

    @Test
    void readyMadeAuthenticatorsRefuseEveryoneWhenTheirSecretsAreMissing() {
        Map.of("api-key", "anything", "basic", "Basic " + Base64.getEncoder().encodeToString("ann:pa:ss".getBytes()))
                .forEach((route, authorization) -> assertApiError(
                        client.get()
                                .uri("/plugin-io/api/routes_keyless/" + route)
                                .header("Authorization", authorization)
                                .exchange(),
                        HttpStatus.UNAUTHORIZED,
                        "Provided credentials are invalid"));
    }
}
