package io.pluginio.web;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** SPEC 4's request access and 5's secrets, through the {@code Request} and {@code Secrets} arguments. */
@SimpleApiTest
class SimpleApiRequestTests {

    @Autowired
    WebTestClient client;

    // Full URIs where the path must stay encoded exactly as written (a template would encode '%').
    @LocalServerPort
    int port;

    @Test
    void aRouteSeesMethodPathQueryHeadersPathVariablesAndBody() {
        client.post()
                .uri(URI.create(
                        "http://127.0.0.1:" + port + "/plugin-io/api/alpha/open/request/42/ann%20lee?a=1&b=x%20y&a=2"))
                .header("Accept", "application/json, text/plain")
                .header("X-Custom", "one, two")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\": \"hi\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("""
                        {
                          "method": "POST",
                          "path": "/open/request/42/ann%20lee",
                          "queryString": "a=1&b=x%20y&a=2",
                          "queryParams": {"a": ["1", "2"], "b": ["x y"]},
                          "accept": ["application/json", "text/plain"],
                          "custom": "one, two",
                          "pathVariables": {"id": "42", "name": "ann lee"},
                          "contentType": "application/json",
                          "bodyLength": 14,
                          "text": "{\\"text\\": \\"hi\\"}",
                          "json": {"text": "hi"},
                          "typed": "hi"
                        }
                        """, true);
    }

    @Test
    void urlEncodedFormFieldsAreFormData() {
        client.post()
                .uri("/plugin-io/api/alpha/open/form")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("name=ann+lee&tag=a&tag=b%26c")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"name\": [\"ann lee\"], \"tag\": [\"a\", \"b&c\"]}", true);
    }

    @Test
    void multipartFieldsAndFilesAreFormData() {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("name", "ann");
        parts.part("file", "file body".getBytes()).filename("notes.txt").contentType(MediaType.TEXT_PLAIN);

        client.post()
                .uri("/plugin-io/api/alpha/open/form")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(parts.build()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"name\": [\"ann\"], \"file\": [\"notes.txt:text/plain:file body\"]}", true);
    }

    @Test
    void aRequestWithoutBodyHasAnEmptyBody() {
        client.post()
                .uri("/plugin-io/api/alpha/open/raw")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("0 bytes");
    }

    @Test
    void springArgumentsKeepWorking() {
        client.post()
                .uri("/plugin-io/api/alpha/open/spring/7?q=find")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"k\": [1, 2]}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("""
                        {"id": "7", "q": "find", "body": {"k": [1, 2]}, "path": "/plugin-io/api/alpha/open/spring/7"}
                        """, true);
    }

    @Test
    void aRouteReadsItsOwnPluginsSecretsOnly() {
        client.get()
                .uri("/plugin-io/api/alpha/open/secrets")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"token\": \"alpha-token\", \"betaVisible\": false}", true);
        client.get()
                .uri("/plugin-io/api/beta/secrets")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"token\": \"beta-token\"}", true);
    }
}
