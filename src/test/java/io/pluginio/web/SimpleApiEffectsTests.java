package io.pluginio.web;

import static io.pluginio.web.ApiErrors.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

import io.pluginio.plugin.Broadcaster;
import io.pluginio.plugin.InvalidChannelNameException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/**
 * SPEC 4's effects table and 6's invalid channel, observed by real WebSocket clients on the
 * channels; and plain Spring return values.
 *
 * <p>"Nothing sent" is shown with a marker: after the failed request a second request broadcasts
 * "marker" to the same channel, and the listener's first broadcast must be that marker (the broker
 * delivers a channel's broadcasts in order).
 */
@SimpleApiTest
class SimpleApiEffectsTests {

    @Autowired
    WebTestClient client;

    @Autowired
    Broadcaster broadcaster;

    @Autowired
    JsonMapper json;

    @LocalServerPort
    int port;

    private WebTestClient.ResponseSpec post(String route) {
        return client.post().uri("/plugin-io/api/alpha/open/" + route).exchange();
    }

    private WebTestClient.ResponseSpec get(String route) {
        return client.get().uri("/plugin-io/api/alpha/open/" + route).exchange();
    }

    private ChannelListener listen(String channel) {
        return ChannelListener.listen(port, "alpha", channel);
    }

    private void assertNothingWasSentBefore(ChannelListener listener, String channel) {
        post("marker/" + channel).expectStatus().isNoContent();
        assertThat(listener.nextMessage().asString()).isEqualTo("marker");
    }

    @Test
    void oneResponsePlusBroadcastsSendsTheResponseAndTheBroadcasts() {
        try (ChannelListener first = listen("rb-1");
                ChannelListener second = listen("rb-2")) {
            post("response-and-broadcasts")
                    .expectStatus()
                    .isCreated()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_JSON)
                    .expectBody()
                    .json("{\"created\": true}", true);

            assertThat(first.nextMessage()).isEqualTo(json.readTree("{\"n\": 1}"));
            assertThat(second.nextMessage().asString()).isEqualTo("two");
        }
    }

    @Test
    void noResponseIs204AndTheBroadcastsAreSentInOrder() {
        try (ChannelListener listener = listen("bo")) {
            post("broadcasts-only").expectStatus().isNoContent().expectBody().isEmpty();

            assertThat(listener.nextMessage().asInt()).isEqualTo(1);
            assertThat(listener.nextMessage().asInt()).isEqualTo(2);
            assertThat(listener.nextMessage().asInt()).isEqualTo(3);
        }
    }

    @Test
    void noEffectsAtAllIs204() {
        post("nothing").expectStatus().isNoContent().expectBody().isEmpty();
    }

    @Test
    void twoResponsesAre500AndNothingIsSent() {
        try (ChannelListener listener = listen("tr")) {
            assertApiError(post("two-responses"), HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error");

            assertNothingWasSentBefore(listener, "tr");
        }
    }

    @Test
    void anErrorResponseIsSentAloneAndTheOtherEffectsAreDropped() {
        try (ChannelListener listener = listen("er")) {
            post("error-response")
                    .expectStatus()
                    .isEqualTo(HttpStatus.CONFLICT)
                    .expectBody()
                    .json("{\"problem\": \"conflict\"}", true);

            assertNothingWasSentBefore(listener, "er");
        }
    }

    @Test
    void anExceptionIs500WithoutItsMessageAndNothingIsSent() {
        try (ChannelListener listener = listen("th")) {
            post("throws")
                    .expectStatus()
                    .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
                    .expectBody(String.class)
                    .value(body -> assertThat(body)
                            .isEqualTo("{\"error\":\"Internal server error\"}")
                            .doesNotContain("hunter2")
                            .doesNotContain("Exception"));

            assertNothingWasSentBefore(listener, "th");
        }
    }

    @Test
    void aBroadcastToAnInvalidChannelIs500AndNothingIsSent() {
        try (ChannelListener listener = listen("ic")) {
            post("invalid-channel").expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);

            assertNothingWasSentBefore(listener, "ic");
        }
    }

    @Test
    void theBroadcasterRefusesAnInvalidChannelName() {
        StepVerifier.create(broadcaster.broadcast("alpha", "no spaces allowed", 1))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(InvalidChannelNameException.class)
                        .hasMessage("Invalid channel name. Channel name must be alphanumeric and can contain"
                                + " underscores or hyphens."))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void broadcastsGoToTheRoutesOwnPlugin() {
        try (ChannelListener alpha = listen("shared-name");
                ChannelListener beta = ChannelListener.listen(port, "beta", "shared-name")) {
            client.post()
                    .uri("/plugin-io/api/beta/broadcast")
                    .exchange()
                    .expectStatus()
                    .isNoContent();

            assertThat(beta.nextMessage().asString()).isEqualTo("from beta");
            assertNothingWasSentBefore(alpha, "shared-name");
        }
    }

    @Test
    void aMonoOfEffectsIsCarriedOut() {
        try (ChannelListener listener = listen("mono")) {
            get("mono")
                    .expectStatus()
                    .isAccepted()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                    .expectBody(String.class)
                    .isEqualTo("from mono");

            assertThat(listener.nextMessage().asString()).isEqualTo("m");
        }
    }

    @Test
    void aFluxOfEffectsIsCarriedOut() {
        try (ChannelListener listener = listen("flux")) {
            get("flux")
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectBody(String.class)
                    .isEqualTo("<p>flux</p>");

            assertThat(listener.nextMessage().asInt()).isEqualTo(1);
            assertThat(listener.nextMessage().asInt()).isEqualTo(2);
        }
    }

    @Test
    void anEndlessFluxOfEffectsIsCutOffWith500AndNothingIsSent() {
        try (ChannelListener listener = listen("endless")) {
            get("endless").expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);

            assertNothingWasSentBefore(listener, "endless");
        }
    }

    @Test
    void aSingleRawResponseKeepsItsBytesAndHeaders() {
        get("single")
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Raw", "yes")
                .expectHeader()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .expectBody(byte[].class)
                .isEqualTo(new byte[] {1, 2, 3});
    }

    @Test
    void aJsonResponseOfNullIsTheJsonNull() {
        get("json-null").expectStatus().isOk().expectBody(String.class).isEqualTo("null");
    }

    @Test
    void aResponseEntityWorksAsInAnySpringApp() {
        get("entity")
                .expectStatus()
                .isEqualTo(HttpStatus.I_AM_A_TEAPOT)
                .expectHeader()
                .valueEquals("X-Entity", "1")
                .expectBody(String.class)
                .isEqualTo("teapot");
    }

    @Test
    void aPlainObjectIsWrittenAsJson() {
        get("pojo").expectStatus().isOk().expectBody().json("{\"text\": \"hello\"}", true);
    }

    @Test
    void aMonoOfAStringIsWrittenAsTheBody() {
        get("mono-string").expectStatus().isOk().expectBody(String.class).isEqualTo("plain mono");
    }
}
