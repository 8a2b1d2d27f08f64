package io.pluginio.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The SimpleAPI's error answer: a status, a JSON content type, and exactly {@code {"error": message}}. */
final class ApiErrors {

    private ApiErrors() {}

    static void assertApiError(WebTestClient.ResponseSpec response, HttpStatus status, String message) {
        response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .json("{\"error\": \"" + message + "\"}", true);
    }
}
