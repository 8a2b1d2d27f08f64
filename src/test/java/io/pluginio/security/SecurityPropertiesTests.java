package io.pluginio.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pluginio.plugin.UserType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class SecurityPropertiesTests {

    @Test
    void defaultsAreAllOff() {
        SecurityProperties properties = bind(Map.of());

        assertThat(properties.sessionToken().enabled()).isFalse();
        assertThat(properties.sessionToken().cookieName()).isEqualTo("plugin-io-session-token");
        assertThat(properties.sessionToken().idClaim()).isEqualTo("sub");
        assertThat(properties.sessionToken().typeClaim()).isEqualTo("user_type");
        assertThat(properties.sessionToken().jwsAlgorithms()).containsExactly("RS256");
        assertThat(properties.login().enabled()).isFalse();
        assertThat(properties.login().users()).isEmpty();
        assertThat(properties.login().successUrl()).isEqualTo("/");
        assertThat(properties.allowedOrigins()).isEmpty();
        assertThat(properties.accessLog().enabled()).isFalse();
    }

    @Test
    void loginUsersBindWithTheirCanvasType() {
        SecurityProperties properties = bind(Map.of(
                "plugin-io.security.login.users[0].username", "staff",
                "plugin-io.security.login.users[0].password", "{noop}staff",
                "plugin-io.security.login.users[0].id", "staff-1",
                "plugin-io.security.login.users[0].type", "Staff"));

        assertThat(properties.login().users()).singleElement().satisfies(user -> {
            assertThat(user.id()).isEqualTo("staff-1");
            assertThat(user.type()).isEqualTo(UserType.STAFF);
        });
    }

    @Test
    void toStringNeverShowsSecrets() {
        SecurityProperties properties = bind(Map.of(
                "plugin-io.security.session-token.hmac-secret", "hmac-secret-value-at-least-32-bytes-long",
                "plugin-io.security.login.users[0].username", "staff",
                "plugin-io.security.login.users[0].password", "{noop}password-value",
                "plugin-io.security.login.users[0].id", "staff-1",
                "plugin-io.security.login.users[0].type", "Staff"));

        assertThat(properties.toString())
                .doesNotContain("hmac-secret-value")
                .doesNotContain("password-value")
                .contains("hmacSecret=set")
                .contains("username=staff");
    }

    @Test
    void hmacSecretAndJwksUriTogetherAreRejected() {
        assertThatThrownBy(() -> bind(Map.of(
                        "plugin-io.security.session-token.hmac-secret", "hmac-secret-value-at-least-32-bytes-long",
                        "plugin-io.security.session-token.jwks-uri", "https://canvas.test/jwks")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("set either hmac-secret or jwks-uri, not both");
    }

    @Test
    void hmacSecretShorterThan32BytesIsRejected() {
        assertThatThrownBy(() -> bind(Map.of("plugin-io.security.session-token.hmac-secret", "short")))
                .rootCause()
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void passwordWithoutAnEncodingPrefixIsRejected() {
        assertThatThrownBy(() -> bind(Map.of(
                        "plugin-io.security.login.users[0].username", "staff",
                        "plugin-io.security.login.users[0].password", "staff",
                        "plugin-io.security.login.users[0].id", "staff-1",
                        "plugin-io.security.login.users[0].type", "Staff")))
                .rootCause()
                .hasMessageContaining("needs an encoding prefix");
    }

    @Test
    void duplicateUsernamesAreRejected() {
        assertThatThrownBy(() -> bind(Map.of(
                        "plugin-io.security.login.users[0].username", "staff",
                        "plugin-io.security.login.users[0].password", "{noop}a",
                        "plugin-io.security.login.users[0].id", "staff-1",
                        "plugin-io.security.login.users[0].type", "Staff",
                        "plugin-io.security.login.users[1].username", "staff",
                        "plugin-io.security.login.users[1].password", "{noop}b",
                        "plugin-io.security.login.users[1].id", "staff-2",
                        "plugin-io.security.login.users[1].type", "Staff")))
                .rootCause()
                .hasMessageContaining("appears twice");
    }

    @Test
    void hmacSecretBindsFromAnEnvironmentVariable() {
        var environment = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("PLUGINIO_SECURITY_SESSIONTOKEN_HMACSECRET", "hmac-secret-value-at-least-32-bytes-long"));

        SecurityProperties properties = new Binder(ConfigurationPropertySources.from(environment))
                .bindOrCreate("plugin-io.security", SecurityProperties.class);

        assertThat(properties.sessionToken().hmacSecret()).isEqualTo("hmac-secret-value-at-least-32-bytes-long");
    }

    private static SecurityProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("plugin-io.security", SecurityProperties.class);
    }
}
