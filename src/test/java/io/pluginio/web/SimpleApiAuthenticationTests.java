package io.pluginio.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pluginio.plugin.LoggedInUser;
import io.pluginio.plugin.UserType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** SPEC 4: every credentials type, every 401 message, 404 before authentication. */
@SimpleApiTest
class SimpleApiAuthenticationTests {

    static final String NO_HEADER = "Request has no Authorization header";

    static final String NO_SCHEME = "Authorization header has no recognized authentication scheme";

    static final String BAD_FORMAT = "Provided credentials are incorrectly formatted";

    static final String INVALID = "Provided credentials are invalid";

    @Autowired
    WebTestClient client;

    private WebTestClient.ResponseSpec get(String path, String header, String value) {
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri("/plugin-io/api/alpha" + path);
        if (value != null) {
            request = request.header(header, value);
        }
        return request.exchange();
    }

    private void assertUnauthorized(WebTestClient.ResponseSpec response, String message) {
        response.expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .json("{\"error\": \"" + message + "\"}", true);
    }

    private static String basic(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicCredentialsMatchingTheSecretsReachTheRoute() {
        get("/basic", HttpHeaders.AUTHORIZATION, basic("ann:pa:ss"))
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("basic ok");
    }

    @Test
    void basicSchemeMatchesIgnoringCase() {
        get("/basic", HttpHeaders.AUTHORIZATION, basic("ann:pa:ss").replace("Basic", "bAsIc"))
                .expectStatus()
                .isOk();
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "NULL",
            delimiter = '|',
            value = {
                "NULL|" + NO_HEADER,
                "''|" + NO_HEADER,
                "Basic|" + NO_SCHEME,
                "Bearer abc|" + NO_SCHEME,
                "Basic !!!not-base64|" + BAD_FORMAT,
                "Basic YW5u|" + BAD_FORMAT, // "ann": no colon
                "Basic OnBhc3M=|" + BAD_FORMAT, // ":pass": empty user
                "Basic YW5uOg==|" + BAD_FORMAT, // "ann:": empty password
                "Basic YW5uOndyb25n|" + INVALID // "ann:wrong"
            })
    void basicCredentialsFailWithTheSpecMessage(String header, String message) {
        assertUnauthorized(get("/basic", HttpHeaders.AUTHORIZATION, header), message);
    }

    @Test
    void bearerTokenIsEverythingAfterTheScheme() {
        get("/bearer", HttpHeaders.AUTHORIZATION, "bearer alpha-token")
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("bearer ok");
    }

    // An empty token ("Bearer ") cannot cross the wire: HTTP drops trailing whitespace from header
    // values, so the server sees "Bearer". CredentialsTests covers the empty token.
    @ParameterizedTest
    @CsvSource(
            nullValues = "NULL",
            delimiter = '|',
            value = {
                "NULL|" + NO_HEADER,
                "Token alpha-token|" + NO_SCHEME,
                "Bearer|" + NO_SCHEME,
                "Bearer wrong|" + INVALID
            })
    void bearerCredentialsFailWithTheSpecMessage(String header, String message) {
        assertUnauthorized(get("/bearer", HttpHeaders.AUTHORIZATION, header), message);
    }

    @Test
    void apiKeyIsTheRawAuthorizationHeader() {
        get("/api-key", HttpHeaders.AUTHORIZATION, "alpha-key")
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("api key ok");
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "NULL",
            delimiter = '|',
            value = {"NULL|" + NO_HEADER, "''|" + BAD_FORMAT, "Bearer alpha-key|" + INVALID, "alpha-ke|" + INVALID})
    void apiKeyCredentialsFailWithTheSpecMessage(String header, String message) {
        assertUnauthorized(get("/api-key", HttpHeaders.AUTHORIZATION, header), message);
    }

    @Test
    void apiKeyHeaderNameCanBeOverridden() {
        get("/custom-header-key", "X-Api-Key", "alpha-token").expectStatus().isOk();
        assertUnauthorized(get("/custom-header-key", HttpHeaders.AUTHORIZATION, "alpha-token"), NO_HEADER);
    }

    @Test
    void sessionCredentialsCarryTheSessionUser() {
        get("/session", SessionTokens.COOKIE, SessionTokens.cookie("Patient", "p-1"))
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("session ok");

        assertThat(TestPlugins.Session.lastUser.get()).isEqualTo(new LoggedInUser("p-1", UserType.PATIENT));
    }

    @Test
    void sessionCredentialsOfAnExpiredOrForgedTokenAreInvalid() {
        assertUnauthorized(
                get(
                        "/session",
                        SessionTokens.COOKIE,
                        SessionTokens.cookie("Staff", "s-1", SessionTokens.HMAC_SECRET, Duration.ofHours(-1))),
                INVALID);
        assertUnauthorized(
                get(
                        "/session",
                        SessionTokens.COOKIE,
                        SessionTokens.cookie(
                                "Staff", "s-1", "another-secret-of-at-least-32-bytes!!", Duration.ofHours(1))),
                INVALID);
    }

    @Test
    void loggedInUserHeadersSentByTheClientAreNoSession() {
        assertUnauthorized(
                client.get()
                        .uri("/plugin-io/api/alpha/staff")
                        .header("canvas-logged-in-user-id", "s-1")
                        .header("canvas-logged-in-user-type", "Staff")
                        .exchange(),
                INVALID);
    }

    @Test
    void sessionCredentialsWithoutASessionAreInvalid() {
        assertUnauthorized(get("/session", HttpHeaders.AUTHORIZATION, "alpha-key"), INVALID);
        assertUnauthorized(get("/session", SessionTokens.COOKIE, null), INVALID);
    }

    @Test
    void staffSessionAuthAcceptsStaffOnly() {
        get("/staff", SessionTokens.COOKIE, SessionTokens.cookie("Staff", "s-1"))
                .expectStatus()
                .isOk();
        assertUnauthorized(get("/staff", SessionTokens.COOKIE, SessionTokens.cookie("Patient", "p-1")), INVALID);
        assertUnauthorized(get("/staff", SessionTokens.COOKIE, null), INVALID);
    }

    @Test
    void patientSessionAuthAcceptsPatientsOnly() {
        get("/patient", SessionTokens.COOKIE, SessionTokens.cookie("Patient", "p-1"))
                .expectStatus()
                .isOk();
        assertUnauthorized(get("/patient", SessionTokens.COOKIE, SessionTokens.cookie("Staff", "s-1")), INVALID);
    }

    @Test
    void plainCredentialsParseNothingAndLetTheClassDecide() {
        get("/refuse/yes", "X-Anything", null)
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("ran yes");
    }

    @Test
    void customCredentialsParseTheRequestThemselves() {
        get("/signed", "X-Signature", "alpha-token")
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("signed ok");
        assertUnauthorized(get("/signed", "X-Signature", "forged"), INVALID);
        assertUnauthorized(get("/signed", "X-Signature", null), NO_HEADER);
    }

    @Test
    void authenticateReturningFalseIsInvalid() {
        assertUnauthorized(get("/refuse/false", "X-Anything", null), INVALID);
    }

    @Test
    void anAuthenticationExceptionAnswers401WithItsMessage() {
        assertUnauthorized(get("/refuse/custom", "X-Anything", null), "Only on Tuesdays");
    }

    @Test
    void anyOtherExceptionInAuthenticateIs500WithoutDetails() {
        get("/refuse/crash", "X-Anything", null)
                .expectStatus()
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
                .expectBody()
                .json("{\"error\": \"Internal server error\"}", true);
    }

    @Test
    void authenticateRunsOffTheEventLoop() {
        get("/refuse/yes", "X-Anything", null).expectStatus().isOk();

        assertThat(TestPlugins.Refusing.lastThread.get()).contains("(may block)");
    }

    @Test
    void anUnknownPathIs404BeforeAuthentication() {
        client.get()
                .uri("/plugin-io/api/alpha/no-such-route")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json("{\"error\": \"Not Found\"}", true);
    }

    @Test
    void anUnknownPluginIs404() {
        client.get().uri("/plugin-io/api/gamma/basic").exchange().expectStatus().isNotFound();
        client.get().uri("/plugin-io/api/").exchange().expectStatus().isNotFound();
    }

    @Test
    void aWrongMethodOnAnExistingPathIs404Not405() {
        client.post()
                .uri("/plugin-io/api/alpha/basic")
                .exchange()
                .expectStatus()
                .isNotFound();
        client.method(HttpMethod.OPTIONS)
                .uri("/plugin-io/api/alpha/basic")
                .exchange()
                .expectStatus()
                .isNotFound();
        client.delete()
                .uri("/plugin-io/api/alpha/open/mono")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void aRouteOfOnePluginIsNotReachableUnderAnother() {
        client.get()
                .uri("/plugin-io/api/beta/basic")
                .header(HttpHeaders.AUTHORIZATION, basic("ann:pa:ss"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }
}
