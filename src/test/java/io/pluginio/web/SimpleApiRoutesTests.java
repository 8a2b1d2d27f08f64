package io.pluginio.web;

import io.pluginio.plugin.ApiKeyAuth;
import io.pluginio.plugin.BasicAuth;
import io.pluginio.plugin.Credentials;
import io.pluginio.plugin.PlainTextResponse;
import io.pluginio.plugin.Plugin;
import io.pluginio.plugin.Request;
import io.pluginio.plugin.SimpleApi;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import reactor.core.scheduler.Schedulers;

/**
 * Every mapping annotation of SPEC 4 mounted under {@code /plugin-io/api/<plugin>} with and without
 * a class-level prefix; a plugin name the URL rules refuse; the ready-made authenticators when
 * their secrets are not configured.
 */
@SimpleApiTest
@Import({
    SimpleApiRoutesTests.Items.class,
    SimpleApiRoutesTests.Root.class,
    SimpleApiRoutesTests.Keyless.class,
    SimpleApiRoutesTests.KeylessBasic.class
})
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
            client.get()
                    .uri(URI.create("http://127.0.0.1:" + port + path))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                    .expectBody()
                    .json(
                            "{\"error\": \"Invalid plugin name. Plugin name must be alphanumeric and can contain"
                                    + " underscores.\"}",
                            true);
        }
    }

    @Test
    void anApiUrlWithoutAPluginNameIsNotFound() {
        for (String path : List.of("/plugin-io/api/", "/plugin-io/api")) {
            client.get()
                    .uri(URI.create("http://127.0.0.1:" + port + path))
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .json("{\"error\": \"Not Found\"}", true);
        }
    }

    @Test
    void readyMadeAuthenticatorsRefuseEveryoneWhenTheirSecretsAreMissing() {
        client.get()
                .uri("/plugin-io/api/routes_keyless/api-key")
                .header("Authorization", "anything")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .json("{\"error\": \"Provided credentials are invalid\"}", true);
        client.get()
                .uri("/plugin-io/api/routes_keyless/basic")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ann:pa:ss".getBytes()))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .json("{\"error\": \"Provided credentials are invalid\"}", true);
    }

    @Plugin("routes_p")
    @RequestMapping("/items")
    static class Items implements SimpleApi<Credentials> {

        @Override
        public boolean authenticate(Credentials credentials) {
            return true;
        }

        @PutMapping("/{id}")
        PlainTextResponse put(@PathVariable String id) {
            return new PlainTextResponse("PUT " + id);
        }

        @PatchMapping("/{id}")
        PlainTextResponse patch(@PathVariable String id) {
            return new PlainTextResponse("PATCH " + id);
        }

        @DeleteMapping("/{id}")
        PlainTextResponse delete(@PathVariable String id) {
            return new PlainTextResponse("DELETE " + id);
        }
    }

    @Plugin("routes_p")
    static class Root implements SimpleApi<Credentials> {

        @Override
        public boolean authenticate(Credentials credentials) {
            return true;
        }

        @GetMapping("/root")
        String root() {
            return "root";
        }

        @GetMapping("/thread")
        PlainTextResponse thread() {
            return new PlainTextResponse(Schedulers.isInNonBlockingThread() ? "event loop" : "may block");
        }

        @PostMapping("/thread")
        PlainTextResponse threadAfterBody(Request request) {
            return new PlainTextResponse(
                    request.text() + ": " + (Schedulers.isInNonBlockingThread() ? "event loop" : "may block"));
        }
    }

    /** No secrets are configured for this plugin. */
    @Plugin("routes_keyless")
    static class Keyless implements ApiKeyAuth {

        @GetMapping("/api-key")
        String apiKey() {
            return "api key ok";
        }
    }

    @Plugin("routes_keyless")
    @RequestMapping("/basic")
    static class KeylessBasic implements BasicAuth {

        @GetMapping
        String basic() {
            return "basic ok";
        }
    }
}
