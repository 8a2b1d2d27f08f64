package io.pluginio.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class CredentialsTests {

    private static final String NO_HEADER = "Request has no Authorization header";

    private static final String NO_SCHEME = "Authorization header has no recognized authentication scheme";

    private static final String BAD_FORMAT = "Provided credentials are incorrectly formatted";

    private static final Secrets SECRETS = new MapSecrets(Map.of(
            ApiKeyAuth.SECRET, "the-key",
            BasicAuth.USERNAME_SECRET, "user",
            BasicAuth.PASSWORD_SECRET, "pass"));

    private static MockServerHttpRequest request(@Nullable String authorization) {
        MockServerHttpRequest.BaseBuilder<?> builder = MockServerHttpRequest.post("/x");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.build();
    }

    private static String basic(String text) {
        return "Basic " + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicCredentialsSplitAtTheFirstColon() {
        BasicCredentials credentials = new BasicCredentials(request(basic("user:pa:ss")), SECRETS);

        assertThat(credentials.username()).isEqualTo("user");
        assertThat(credentials.password()).isEqualTo("pa:ss");
    }

    @Test
    void basicSchemeMatchesIgnoringCase() {
        String header = basic("user:pass").replace("Basic", "bAsIc");

        assertThat(new BasicCredentials(request(header), SECRETS).username()).isEqualTo("user");
    }

    @Test
    void basicWithoutHeaderFailsWithNoAuthorizationHeader() {
        assertThatThrownBy(() -> new BasicCredentials(request(null), SECRETS)).hasMessage(NO_HEADER);
        assertThatThrownBy(() -> new BasicCredentials(request(""), SECRETS)).hasMessage(NO_HEADER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dXNlcjpwYXNz", "Bearer dXNlcjpwYXNz", "Digest x"})
    void basicWithoutOrWithAnotherSchemeFailsWithNoRecognizedScheme(String header) {
        assertThatThrownBy(() -> new BasicCredentials(request(header), SECRETS)).hasMessage(NO_SCHEME);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic !!!notbase64", "Basic " + "dXNlcnBhc3M=", "Basic " + "OnBhc3M=", "Basic dXNlcjo="})
    void basicWithBadBase64NoColonOrEmptyPartFailsAsIncorrectlyFormatted(String header) {
        // dXNlcnBhc3M= is "userpass", OnBhc3M= is ":pass", dXNlcjo= is "user:"
        assertThatThrownBy(() -> new BasicCredentials(request(header), SECRETS)).hasMessage(BAD_FORMAT);
    }

    @Test
    void basicWithInvalidUtf8FailsAsIncorrectlyFormatted() {
        String header = "Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, ':', 'a'});

        assertThatThrownBy(() -> new BasicCredentials(request(header), SECRETS)).hasMessage(BAD_FORMAT);
    }

    @Test
    void bearerTokenIsEverythingAfterTheFirstSpace() {
        assertThat(new BearerCredentials(request("bearer abc def"), SECRETS).token())
                .isEqualTo("abc def");
    }

    @Test
    void bearerFailuresUseTheSdkMessages() {
        assertThatThrownBy(() -> new BearerCredentials(request(null), SECRETS)).hasMessage(NO_HEADER);
        assertThatThrownBy(() -> new BearerCredentials(request("Basic abc"), SECRETS))
                .hasMessage(NO_SCHEME);
        assertThatThrownBy(() -> new BearerCredentials(request("token"), SECRETS))
                .hasMessage(NO_SCHEME);
        assertThatThrownBy(() -> new BearerCredentials(request("Bearer "), SECRETS))
                .hasMessage(BAD_FORMAT);
    }

    @Test
    void apiKeyIsTheRawHeaderValue() {
        ApiKeyCredentials credentials = new ApiKeyCredentials(request("Bearer raw value"), SECRETS, "Authorization");

        assertThat(credentials.key()).isEqualTo("Bearer raw value");
    }

    @Test
    void apiKeyReadsAnOverriddenHeader() {
        MockServerHttpRequest request =
                MockServerHttpRequest.get("/x").header("X-Api-Key", "k").build();

        assertThat(new ApiKeyCredentials(request, SECRETS, "x-api-key").key()).isEqualTo("k");
    }

    @Test
    void apiKeyFailuresUseTheSdkMessages() {
        assertThatThrownBy(() -> new ApiKeyCredentials(request(null), SECRETS, "Authorization"))
                .hasMessage(NO_HEADER);
        assertThatThrownBy(() -> new ApiKeyCredentials(request(""), SECRETS, "Authorization"))
                .hasMessage(BAD_FORMAT);
    }

    @Test
    void apiKeyAuthComparesWithTheApiKeySecret() {
        ApiKeyAuth auth = new ApiKeyAuth() {};

        assertThat(auth.authenticate(new ApiKeyCredentials(request("the-key"), SECRETS, "Authorization")))
                .isTrue();
        assertThat(auth.authenticate(new ApiKeyCredentials(request("the-key2"), SECRETS, "Authorization")))
                .isFalse();
    }

    @Test
    void apiKeyAuthRefusesEveryKeyWhenTheSecretIsMissing() {
        ApiKeyAuth auth = new ApiKeyAuth() {};
        Secrets none = new MapSecrets(Map.of());

        assertThat(auth.authenticate(new ApiKeyCredentials(request("anything"), none, "Authorization")))
                .isFalse();
    }

    @Test
    void basicAuthNeedsBothUsernameAndPassword() {
        BasicAuth auth = new BasicAuth() {};

        assertThat(auth.authenticate(new BasicCredentials(request(basic("user:pass")), SECRETS)))
                .isTrue();
        assertThat(auth.authenticate(new BasicCredentials(request(basic("user:nope")), SECRETS)))
                .isFalse();
        assertThat(auth.authenticate(new BasicCredentials(request(basic("nope:pass")), SECRETS)))
                .isFalse();
    }

    @Test
    void sessionAuthenticatorsCheckTheUserType() {
        SessionCredentials staff =
                new SessionCredentials(request(null), SECRETS, new LoggedInUser("1", UserType.STAFF));
        SessionCredentials patient =
                new SessionCredentials(request(null), SECRETS, new LoggedInUser("2", UserType.PATIENT));

        assertThat(new StaffSessionAuth() {}.authenticate(staff)).isTrue();
        assertThat(new StaffSessionAuth() {}.authenticate(patient)).isFalse();
        assertThat(new PatientSessionAuth() {}.authenticate(patient)).isTrue();
        assertThat(new PatientSessionAuth() {}.authenticate(staff)).isFalse();
    }

    /** Secrets from a map, compared as the real implementation does (constant time is not observable). */
    private record MapSecrets(Map<String, String> values) implements Secrets {

        @Override
        public Optional<String> get(String name) {
            return Optional.ofNullable(values.get(name));
        }

        @Override
        public boolean matches(String name, String candidate) {
            return candidate.equals(values.get(name));
        }
    }
}
