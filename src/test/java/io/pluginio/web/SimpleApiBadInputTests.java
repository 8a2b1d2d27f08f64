package io.pluginio.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

/**
 * Bad input gets a clear status and a JSON error without internals. The test context limits bodies
 * to 64 KB ({@code spring.http.codecs.max-in-memory-size}).
 */
@SimpleApiTest
class SimpleApiBadInputTests {

    static final int LIMIT = 64 * 1024;

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    private static String oversized() {
        char[] chars = new char[LIMIT + 1];
        Arrays.fill(chars, 'x');
        return "\"" + new String(chars) + "\"";
    }

    private static void assertError(WebTestClient.ResponseSpec response, HttpStatus status, String message) {
        response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .json("{\"error\": \"" + message + "\"}", true);
    }

    @Test
    void malformedJsonForRequestJsonIs400() {
        assertError(
                client.post()
                        .uri("/plugin-io/api/alpha/open/request/1/a")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"text\": ")
                        .exchange(),
                HttpStatus.BAD_REQUEST,
                "Malformed request body");
    }

    @Test
    void malformedJsonForRequestBodyIs400() {
        assertError(
                client.post()
                        .uri("/plugin-io/api/alpha/open/typed-body")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{not json")
                        .exchange(),
                HttpStatus.BAD_REQUEST,
                "Malformed request body");
    }

    @Test
    void jsonOfTheWrongShapeIs400() {
        assertError(
                client.post()
                        .uri("/plugin-io/api/alpha/open/typed-body")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("[1, 2]")
                        .exchange(),
                HttpStatus.BAD_REQUEST,
                "Malformed request body");
    }

    @Test
    void anEmptyBodyWhereJsonIsRequiredIs400() {
        client.post()
                .uri("/plugin-io/api/alpha/open/typed-body")
                .contentType(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void aContentTypeNoReaderAcceptsIs415() {
        assertError(
                client.post()
                        .uri("/plugin-io/api/alpha/open/typed-body")
                        .contentType(MediaType.APPLICATION_PDF)
                        .bodyValue("%PDF")
                        .exchange(),
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported content type");
    }

    @Test
    void aContentTypeTheRouteDoesNotConsumeIs415() {
        assertError(
                client.post()
                        .uri("/plugin-io/api/alpha/open/json-only")
                        .contentType(MediaType.TEXT_PLAIN)
                        .bodyValue("hello")
                        .exchange(),
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported content type");
    }

    @Test
    void formDataOfAJsonBodyIs415() {
        assertError(
                client.post()
                        .uri("/plugin-io/api/alpha/open/form-of-json")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{}")
                        .exchange(),
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported content type");
    }

    @Test
    void anUnparsableContentTypeIs415() {
        // WebTestClient refuses to send such a header; a raw client does not.
        HttpClientResponse response = HttpClient.create()
                .baseUrl("http://127.0.0.1:" + port)
                .headers(headers -> headers.set("Content-Type", "not a media type"))
                .post()
                .uri("/plugin-io/api/alpha/open/typed-body")
                .send(ByteBufFlux.fromString(Mono.just("{}")))
                .response()
                .block(Duration.ofSeconds(10));

        assertThat(response).isNotNull();
        assertThat(response.status().code()).isEqualTo(415);
    }

    @Test
    void anOversizedBodyForRequestIs413() {
        assertError(
                client.post()
                        .uri("/plugin-io/api/alpha/open/raw")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(oversized())
                        .exchange(),
                HttpStatus.CONTENT_TOO_LARGE,
                "Request body is larger than " + LIMIT + " bytes");
    }

    @Test
    void anOversizedBodyForRequestBodyIs413() {
        assertError(
                client.post()
                        .uri("/plugin-io/api/alpha/open/typed-body")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"text\": " + oversized() + "}")
                        .exchange(),
                HttpStatus.CONTENT_TOO_LARGE,
                "Request body is larger than " + LIMIT + " bytes");
    }

    @Test
    void aBodyJustUnderTheLimitIsAccepted() {
        client.post()
                .uri("/plugin-io/api/alpha/open/raw")
                .bodyValue(new byte[LIMIT])
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo(LIMIT + " bytes");
    }

    @Test
    void anUnauthenticatedRequestIs401BeforeItsBodyIsRead() {
        client.post()
                .uri("/plugin-io/api/notifications_demo/callback")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(oversized())
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void errorsUnderTheApiNeverCarryStackTracesOrExceptionNames() {
        client.post()
                .uri("/plugin-io/api/alpha/open/typed-body")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json")
                .exchange()
                .expectBody(String.class)
                .value(body -> assertThat(body)
                        .doesNotContain("Exception")
                        .doesNotContain("at ")
                        .doesNotContain("trace"));
    }
}
