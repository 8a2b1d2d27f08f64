package io.pluginio.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** SPEC 4's effects table, 6's invalid channel, and plain Spring return values. */
@SimpleApiTest
class SimpleApiEffectsTests {

    @Autowired
    WebTestClient client;

    @Autowired
    RecordingBroadcaster broadcaster;

    private WebTestClient.ResponseSpec post(String route) {
        return client.post().uri("/plugin-io/api/alpha/open/" + route).exchange();
    }

    private WebTestClient.ResponseSpec get(String route) {
        return client.get().uri("/plugin-io/api/alpha/open/" + route).exchange();
    }

    @Test
    void oneResponsePlusBroadcastsSendsTheResponseAndTheBroadcasts() {
        post("response-and-broadcasts")
                .expectStatus()
                .isCreated()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .json("{\"created\": true}", true);

        assertThat(broadcaster.sentTo("rb-1"))
                .containsExactly(new RecordingBroadcaster.Sent("alpha", "rb-1", Map.of("n", 1)));
        assertThat(broadcaster.sentTo("rb-2")).containsExactly(new RecordingBroadcaster.Sent("alpha", "rb-2", "two"));
    }

    @Test
    void noResponseIs204AndTheBroadcastsAreSentInOrder() {
        post("broadcasts-only").expectStatus().isNoContent().expectBody().isEmpty();

        assertThat(broadcaster.sentTo("bo"))
                .extracting(RecordingBroadcaster.Sent::message)
                .containsExactly(1, 2, 3);
    }

    @Test
    void noEffectsAtAllIs204() {
        post("nothing").expectStatus().isNoContent().expectBody().isEmpty();
    }

    @Test
    void twoResponsesAre500AndNothingIsSent() {
        post("two-responses")
                .expectStatus()
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
                .expectBody()
                .json("{\"error\": \"Internal server error\"}", true);

        assertThat(broadcaster.sentTo("tr")).isEmpty();
    }

    @Test
    void anErrorResponseIsSentAloneAndTheOtherEffectsAreDropped() {
        post("error-response")
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .json("{\"problem\": \"conflict\"}", true);

        assertThat(broadcaster.sentTo("er")).isEmpty();
    }

    @Test
    void anExceptionIs500WithoutItsMessageAndNothingIsSent() {
        post("throws")
                .expectStatus()
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
                .expectBody(String.class)
                .value(body -> assertThat(body)
                        .isEqualTo("{\"error\":\"Internal server error\"}")
                        .doesNotContain("hunter2")
                        .doesNotContain("Exception"));

        assertThat(broadcaster.sentTo("th")).isEmpty();
    }

    @Test
    void aBroadcastToAnInvalidChannelIs500AndNothingIsSent() {
        post("invalid-channel").expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);

        assertThat(broadcaster.sentTo("ic")).isEmpty();
    }

    @Test
    void aBroadcastTheBrokerRefusesIs503InsteadOfTheResponse() {
        post("broker-down")
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody()
                .json("{\"error\": \"Broadcast not accepted: broker unavailable\"}", true);
    }

    @Test
    void broadcastsGoToTheRoutesOwnPlugin() {
        client.post()
                .uri("/plugin-io/api/beta/broadcast")
                .exchange()
                .expectStatus()
                .isNoContent();

        assertThat(broadcaster.sentTo("shared-name"))
                .containsExactly(new RecordingBroadcaster.Sent("beta", "shared-name", "from beta"));
    }

    @Test
    void aMonoOfEffectsIsCarriedOut() {
        get("mono")
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                .expectBody(String.class)
                .isEqualTo("from mono");

        assertThat(broadcaster.sentTo("mono")).hasSize(1);
    }

    @Test
    void aFluxOfEffectsIsCarriedOut() {
        get("flux")
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .isEqualTo("<p>flux</p>");

        assertThat(broadcaster.sentTo("flux"))
                .extracting(RecordingBroadcaster.Sent::message)
                .containsExactly(1, 2);
    }

    @Test
    void anEndlessFluxOfEffectsIsCutOffWith500AndNothingIsSent() {
        get("endless").expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);

        assertThat(broadcaster.sentTo("endless")).isEmpty();
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
