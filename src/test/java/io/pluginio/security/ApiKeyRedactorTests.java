package io.pluginio.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeyRedactorTests {

    @Test
    void redactsTheApiKeyValueWhereverItSitsInTheQuery() {
        assertThat(ApiKeyRedactor.redact("/ws/p/c/?api_key=s3cret")).isEqualTo("/ws/p/c/?api_key=redacted");
        assertThat(ApiKeyRedactor.redact("/p?a=1&api_key=s3cret&b=2")).isEqualTo("/p?a=1&api_key=redacted&b=2");
        assertThat(ApiKeyRedactor.redact("http://h:1/p?since=3&api_key=s3cret"))
                .isEqualTo("http://h:1/p?since=3&api_key=redacted");
    }

    @Test
    void redactsEveryOccurrenceAndEncodedOrDifferentlyCasedNames() {
        assertThat(ApiKeyRedactor.redact("/p?api_key=a&api_key=b")).isEqualTo("/p?api_key=redacted&api_key=redacted");
        assertThat(ApiKeyRedactor.redact("/p?api%5Fkey=s3cret")).isEqualTo("/p?api%5Fkey=redacted");
        assertThat(ApiKeyRedactor.redact("/p?API_KEY=s3cret")).isEqualTo("/p?API_KEY=redacted");
    }

    @Test
    void redactsValuesContainingEqualsSignsWhole() {
        assertThat(ApiKeyRedactor.redact("/p?api_key=a=b==&x=1")).isEqualTo("/p?api_key=redacted&x=1");
    }

    @Test
    void leavesOtherParametersAndTargetsWithoutQueryAlone() {
        assertThat(ApiKeyRedactor.redact("/p")).isEqualTo("/p");
        assertThat(ApiKeyRedactor.redact("/p?my_api_key=x&api_keys=y&api_key"))
                .isEqualTo("/p?my_api_key=x&api_keys=y&api_key");
        assertThat(ApiKeyRedactor.redact("/p?")).isEqualTo("/p?");
    }

    @Test
    void keepsTheFragment() {
        assertThat(ApiKeyRedactor.redact("/p?api_key=x#frag")).isEqualTo("/p?api_key=redacted#frag");
    }

    @Test
    void redactsParametersWhoseNameCannotBeDecoded() {
        assertThat(ApiKeyRedactor.redact("/p?api%ZZkey=x")).isEqualTo("/p?api%ZZkey=redacted");
    }
}
