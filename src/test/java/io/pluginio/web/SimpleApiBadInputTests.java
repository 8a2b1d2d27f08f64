package io.pluginio.web;

import static io.pluginio.web.ApiErrors.assertApiError;
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

    static final String MALFORMED = "Malformed request body";

    static final String UNSUPPORTED = "Unsupported content type";

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    private static String oversized() {
        char[] chars = new char[LIMIT + 1];
        Arrays.fill(chars, 'x');
        return "\"" + new String(chars) + "\"";
    }

    /** {@code POST /plugin-io/api/alpha/open/<route>} with {@code body} as {@code contentType}. */
    private WebTestClient.ResponseSpec post(String route, MediaType contentType, Object body) {
        return client.post()
                .uri("/plugin-io/api/alpha/open/" + route)
                .contentType(contentType)
                .bodyValue(body)
                .exchange();
    }

    @Test
    void malformedJsonForRequestJsonIs400() {
        assertApiError(
                post("request/1/a", MediaType.APPLICATION_JSON, "{\"text\": "), HttpStatus.BAD_REQUEST, MALFORMED);
    }

    @Test
    void malformedJsonForRequestBodyIs400() {
        assertApiError(post("typed-body", MediaType.APPLICATION_JSON, "{not json"), HttpStatus.BAD_REQUEST, MALFORMED);
    }

    @Test
    void jsonOfTheWrongShapeIs400() {
        assertApiError(post("typed-body", MediaType.APPLICATION_JSON, "[1, 2]"), HttpStatus.BAD_REQUEST, MALFORMED);
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
        assertApiError(
                post("typed-body", MediaType.APPLICATION_PDF, "%PDF"), HttpStatus.UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED);
    }

    @Test
    void aContentTypeTheRouteDoesNotConsumeIs415() {
        assertApiError(
                post("json-only", MediaType.TEXT_PLAIN, "hello"), HttpStatus.UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED);
    }

    @Test
    void formDataOfAJsonBodyIs415() {
        assertApiError(
                post("form-of-json", MediaType.APPLICATION_JSON, "{}"), HttpStatus.UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED);
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
        assertApiError(
                post("raw", MediaType.APPLICATION_JSON, oversized()),
                HttpStatus.CONTENT_TOO_LARGE,
                "Request body is larger than " + LIMIT + " bytes");
    }

    @Test
    void anOversizedBodyForRequestBodyIs413() {
        assertApiError(
                post("typed-body", MediaType.APPLICATION_JSON, "{\"text\": " + oversized() + "}"),
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
        post("typed-body", MediaType.APPLICATION_JSON, "{not json")
                .expectBody(String.class)
                .value(body -> assertThat(body)
                        .doesNotContain("Exception")
                        .doesNotContain("at ")
                        .doesNotContain("trace"));
    }
}
