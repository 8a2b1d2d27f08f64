package io.pluginio.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** This service's own login form, as the {@code dev} profile configures it. */
@SecurityIntegrationTest
@ActiveProfiles("dev")
class LoginTests {

    /** {@code plugin-io.security.login.success-url} of the dev profile: the example's demo page. */
    private static final String DEV_SUCCESS_URL = "/plugin-io/api/notifications_demo/demo";

    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @Test
    void loginWithTheDevStaffUserGivesASessionThatResolvesTheLoggedInUser() {
        String session = login("staff", "staff");

        assertThat(identity(session)).containsEntry("user", "staff-1").containsEntry("type", "Staff");
    }

    @Test
    void loginWithTheDevPatientUserResolvesAPatient() {
        String session = login("patient", "patient");

        assertThat(identity(session)).containsEntry("user", "patient-1").containsEntry("type", "Patient");
    }

    @Test
    void loginRedirectsToTheSuccessUrlWithAnHttpOnlySameSiteLaxSessionCookie() {
        LoginPage page = loginPage();

        EntityExchangeResult<byte[]> result = postLogin(page, "staff", "staff");

        assertThat(result.getStatus()).isEqualTo(HttpStatus.FOUND);
        assertThat(result.getResponseHeaders().getLocation()).hasPath(DEV_SUCCESS_URL);
        ResponseCookie cookie = result.getResponseCookies().getFirst("SESSION");
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Lax");
        // Session fixation: the id changes at login.
        assertThat(cookie.getValue()).isNotEqualTo(page.session());
    }

    @Test
    void wrongPasswordGivesNoSession() {
        LoginPage page = loginPage();

        EntityExchangeResult<byte[]> result = postLogin(page, "staff", "wrong");

        assertThat(result.getStatus()).isEqualTo(HttpStatus.FOUND);
        assertThat(result.getResponseHeaders().getLocation()).hasToString("/login?error");
        assertThat(identity(page.session())).containsEntry("user", null);
    }

    @Test
    void unknownUserGivesNoSession() {
        LoginPage page = loginPage();

        postLogin(page, "nobody", "staff");

        assertThat(identity(page.session())).containsEntry("user", null);
    }

    @Test
    void loginWithoutTheCsrfTokenIsForbidden() {
        LoginPage page = loginPage();

        client.post()
                .uri("/login")
                .cookie("SESSION", page.session())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", "staff").with("password", "staff"))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void pluginApiRoutesNeedNoCsrfToken() {
        String session = login("staff", "staff");

        // No such route: 404, decided after the security chain let the request through. A CSRF
        // check would have answered 403 first.
        client.post()
                .uri("/plugin-io/api/sec_test/nothing")
                .cookie("SESSION", session)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isNotFound();
        client.post()
                .uri(IdentityEcho.HTTP_PATH)
                .cookie("SESSION", session)
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void logoutEndsTheSession() {
        String session = login("staff", "staff");
        String csrf = loginPage(session).csrf();

        client.post()
                .uri("/logout")
                .cookie("SESSION", session)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("_csrf", csrf))
                .exchange()
                .expectStatus()
                .isFound();

        assertThat(identity(session)).containsEntry("user", null);
    }

    @Test
    void handshakeWithTheLoginSessionResolvesTheLoggedInUser() {
        String session = login("staff", "staff");

        String frame = WebSocketClients.firstFrame(
                port, IdentityEcho.WEBSOCKET_PATH, headers -> headers.add("Cookie", "SESSION=" + session));

        assertThat(frame).contains("\"user\":\"staff-1\"");
    }

    @Test
    void handshakeWithTheLoginSessionFromAnotherOriginIsRejectedWith403() {
        String session = login("staff", "staff");

        String frame = WebSocketClients.firstFrame(
                port,
                IdentityEcho.WEBSOCKET_PATH,
                headers -> headers.add("Cookie", "SESSION=" + session).set("Origin", "https://evil.test"));

        assertThat(frame).isEqualTo("HTTP 403");
    }

    private String login(String username, String password) {
        EntityExchangeResult<byte[]> result = postLogin(loginPage(), username, password);
        assertThat(result.getResponseHeaders().getLocation()).hasPath(DEV_SUCCESS_URL);
        ResponseCookie cookie = result.getResponseCookies().getFirst("SESSION");
        assertThat(cookie).isNotNull();
        return cookie.getValue();
    }

    private EntityExchangeResult<byte[]> postLogin(LoginPage page, String username, String password) {
        return client.post()
                .uri("/login")
                .cookie("SESSION", page.session())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", username)
                        .with("password", password)
                        .with("_csrf", page.csrf()))
                .exchange()
                .expectBody()
                .returnResult();
    }

    private LoginPage loginPage() {
        EntityExchangeResult<String> result = client.get()
                .uri("/login")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();
        ResponseCookie cookie = result.getResponseCookies().getFirst("SESSION");
        assertThat(cookie)
                .as("the login page starts a session for its CSRF token")
                .isNotNull();
        return new LoginPage(cookie.getValue(), csrf(result.getResponseBody()));
    }

    private LoginPage loginPage(String session) {
        String body = client.get()
                .uri("/login")
                .cookie("SESSION", session)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return new LoginPage(session, csrf(body));
    }

    private static String csrf(String html) {
        Matcher matcher = CSRF_INPUT.matcher(html);
        assertThat(matcher.find()).as("a CSRF input in %s", html).isTrue();
        return matcher.group(1);
    }

    private Map<String, Object> identity(String session) {
        return IdentityEcho.fetch(client, request -> request.cookie("SESSION", session));
    }

    private record LoginPage(String session, String csrf) {}
}
