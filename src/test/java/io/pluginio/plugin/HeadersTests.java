package io.pluginio.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class HeadersTests {

    @Test
    void namesAreCaseInsensitive() {
        HttpHeaders raw = new HttpHeaders();
        raw.add("X-Custom", "one");

        Headers headers = Headers.of(raw);

        assertThat(headers.first("x-custom")).contains("one");
        assertThat(headers.first("X-CUSTOM")).contains("one");
        assertThat(headers.contains("x-Custom")).isTrue();
        assertThat(headers.names()).containsExactly("x-custom");
    }

    @Test
    void listValuedHeadersAreSplitOnCommasAndStripped() {
        HttpHeaders raw = new HttpHeaders();
        raw.add("Accept", "text/html, application/json");
        raw.add("X-Forwarded-For", "10.0.0.1,10.0.0.2");

        Headers headers = Headers.of(raw);

        assertThat(headers.all("accept")).containsExactly("text/html", "application/json");
        assertThat(headers.all("x-forwarded-for")).containsExactly("10.0.0.1", "10.0.0.2");
    }

    @Test
    void otherHeadersAreKeptWholeWithEveryValue() {
        HttpHeaders raw = new HttpHeaders();
        raw.add("Authorization", "Basic a,b");
        raw.add("Cookie", "a=1, b=2");
        raw.add("X-Multi", "first");
        raw.add("X-Multi", "second");

        Headers headers = Headers.of(raw);

        assertThat(headers.first("authorization")).contains("Basic a,b");
        assertThat(headers.all("cookie")).containsExactly("a=1, b=2");
        assertThat(headers.all("x-multi")).containsExactly("first", "second");
        assertThat(headers.first("x-multi")).contains("first");
    }

    @Test
    void absentHeaderHasNoValues() {
        Headers headers = Headers.of(new HttpHeaders());

        assertThat(headers.first("accept")).isEmpty();
        assertThat(headers.all("accept")).isEmpty();
        assertThat(headers.contains("accept")).isFalse();
    }

    @Test
    void toStringNeverPrintsValues() {
        HttpHeaders raw = new HttpHeaders();
        raw.add("Authorization", "super-secret-key");

        assertThat(Headers.of(raw).toString())
                .doesNotContain("super-secret-key")
                .contains("authorization");
    }
}
