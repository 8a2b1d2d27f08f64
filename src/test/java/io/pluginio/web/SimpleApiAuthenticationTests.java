package io.pluginio.web;

import static io.pluginio.web.ApiErrors.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

import io.pluginio.plugin.LoggedInUser;
import io.pluginio.plugin.UserType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
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

    /** {@code GET /plugin-io/api/alpha<path>}, with header {@code header} unless {@code value} is null. */
    private WebTestClient.ResponseSpec get(String path, String header, @Nullable String value) {
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri("/plugin-io/api/alpha" + path);
        if (value != null) {
            request = request.header(header, value);
        }
        return request.exchange();
    }

    private void assertReaches(String path, String header, @Nullable String value, String body) {
        get(path, header, value).expectStatus().isOk().expectBody(String.class).isEqualTo(body);
    }

    private void assertRefused(String path, String header, @Nullable String value, String message) {
        assertApiError(get(path, header, value), HttpStatus.UNAUTHORIZED, message);
    }

    private static String basic(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicCredentialsMatchingTheSecretsReachTheRoute() {
        assertReaches("/basic", HttpHeaders.AUTHORIZATION, basic("ann:pa:ss"), "basic ok");
    }

    @Test
    void basicSchemeMatchesIgnoringCase() {
        assertReaches("/basic", HttpHeaders.AUTHORIZATION, basic("ann:pa:ss").replace("Basic", "bAsIc"), "basic ok");
    }

    @Test
    void bearerTokenIsEverythingAfterTheScheme() {
        assertReaches("/bearer", HttpHeaders.AUTHORIZATION, "bearer alpha-token", "bearer ok");
    }

    @Test
    void apiKeyIsTheRawAuthorizationHeader() {
        assertReaches("/api-key", HttpHeaders.AUTHORIZATION, "alpha-key", "api key ok");
    }

    // An empty token ("Bearer ") cannot cross the wire: HTTP drops trailing whitespace from header
    // values, so the server sees "Bearer". CredentialsTests covers the empty token.
    @ParameterizedTest(name = "{0} with Authorization [{1}]: {2}")
    @CsvSource(
            nullValues = "NULL",
            delimiter = '|',
            value = {
                "/basic|NULL|" + NO_HEADER,
                "/basic|''|" + NO_HEADER,
                "/basic|Basic|" + NO_SCHEME,
                "/basic|Bearer abc|" + NO_SCHEME,
                "/basic|Basic !!!not-base64|" + BAD_FORMAT,
                "/basic|Basic YW5u|" + BAD_FORMAT, // "ann": no colon
                "/basic|Basic OnBhc3M=|" + BAD_FORMAT, // ":pass": empty user
                "/basic|Basic YW5uOg==|" + BAD_FORMAT, // "ann:": empty password
                "/basic|Basic YW5uOndyb25n|" + INVALID, // "ann:wrong"
                "/bearer|NULL|" + NO_HEADER,
                "/bearer|Token alpha-token|" + NO_SCHEME,
                "/bearer|Bearer|" + NO_SCHEME,
                "/bearer|Bearer wrong|" + INVALID,
                "/api-key|NULL|" + NO_HEADER,
                "/api-key|''|" + BAD_FORMAT,
                "/api-key|Bearer alpha-key|" + INVALID,
                "/api-key|alpha-ke|" + INVALID
            })
    void readyMadeCredentialsFailWithTheSpecMessage(String path, String authorization, String message) {
        assertRefused(path, HttpHeaders.AUTHORIZATION, authorization, message);
    }

    @Test
    void apiKeyHeaderNameCanBeOverridden() {
        assertReaches("/custom-header-key", "X-Api-Key", "alpha-token", "custom header ok");
        assertRefused("/custom-header-key", HttpHeaders.AUTHORIZATION, "alpha-token", NO_HEADER);
    }

    @Test
    void sessionCredentialsCarryTheSessionUser() {
        assertReaches("/session", SessionTokens.COOKIE, SessionTokens.cookie("Patient", "p-1"), "session ok");

        assertThat(TestPlugins.Session.lastUser.get()).isEqualTo(new LoggedInUser("p-1", UserType.PATIENT));
    }

    @Test
    void sessionCredentialsOfAnExpiredOrForgedTokenAreInvalid() {
        String expired = SessionTokens.cookie("Staff", "s-1", SessionTokens.HMAC_SECRET, Duration.ofHours(-1));
        String forged =
                SessionTokens.cookie("Staff", "s-1", "another-secret-of-at-least-32-bytes!!", Duration.ofHours(1));

        assertRefused("/session", SessionTokens.COOKIE, expired, INVALID);
        assertRefused("/session", SessionTokens.COOKIE, forged, INVALID);
    }

    @Test
    void loggedInUserHeadersSentByTheClientAreNoSession() {
        assertApiError(
                client.get()
                        .uri("/plugin-io/api/alpha/staff")
                        .header("canvas-logged-in-user-id", "s-1")
                        .header("canvas-logged-in-user-type", "Staff")
                        .exchange(),
                HttpStatus.UNAUTHORIZED,
                INVALID);
    }

    @Test
    void sessionCredentialsWithoutASessionAreInvalid() {
        assertRefused("/session", HttpHeaders.AUTHORIZATION, "alpha-key", INVALID);
        assertRefused("/session", SessionTokens.COOKIE, null, INVALID);
    }

    @ParameterizedTest(name = "{0} accepts {1}, refuses {2} and no session")
    @CsvSource({"/staff, Staff, Patient, staff ok", "/patient, Patient, Staff, patient ok"})
    void staffAndPatientSessionAuthAcceptTheirUserTypeOnly(String path, String accepted, String refused, String body) {
        assertReaches(path, SessionTokens.COOKIE, SessionTokens.cookie(accepted, "u-1"), body);
        assertRefused(path, SessionTokens.COOKIE, SessionTokens.cookie(refused, "u-1"), INVALID);
        assertRefused(path, SessionTokens.COOKIE, null, INVALID);
    }

    @Test
    void plainCredentialsParseNothingAndLetTheClassDecide() {
        assertReaches("/refuse/yes", "X-Anything", null, "ran yes");
    }

    @Test
    void customCredentialsParseTheRequestThemselves() {
        assertReaches("/signed", "X-Signature", "alpha-token", "signed ok");
        assertRefused("/signed", "X-Signature", "forged", INVALID);
        assertRefused("/signed", "X-Signature", null, NO_HEADER);
    }

    @Test
    void authenticateReturningFalseIsInvalid() {
        assertRefused("/refuse/false", "X-Anything", null, INVALID);
    }

    @Test
    void anAuthenticationExceptionAnswers401WithItsMessage() {
        assertRefused("/refuse/custom", "X-Anything", null, "Only on Tuesdays");
    }

    @Test
    void anyOtherExceptionInAuthenticateIs500WithoutDetails() {
        assertApiError(
                get("/refuse/crash", "X-Anything", null), HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error");
    }

    @Test
    void authenticateRunsOffTheEventLoop() {
        get("/refuse/yes", "X-Anything", null).expectStatus().isOk();

        assertThat(TestPlugins.Refusing.lastThread.get()).contains("(may block)");
    }

    @Test
    void anUnknownPathIs404BeforeAuthentication() {
        assertApiError(
                client.get().uri("/plugin-io/api/alpha/no-such-route").exchange(), HttpStatus.NOT_FOUND, "Not Found");
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
