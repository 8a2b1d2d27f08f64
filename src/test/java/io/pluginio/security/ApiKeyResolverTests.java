package io.pluginio.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class ApiKeyResolverTests {

    @Test
    void queryParameterWinsOverTheHeaderOnGet() {
        var exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/x?api_key=q").header("Authorization", "h"));

        assertThat(ApiKeyResolver.resolve(exchange)).contains("q");
    }

    @Test
    void queryParameterIsIgnoredOnOtherMethods() {
        var post = MockServerWebExchange.from(MockServerHttpRequest.post("/x?api_key=q"));
        var postWithHeader = MockServerWebExchange.from(
                MockServerHttpRequest.post("/x?api_key=q").header("Authorization", "h"));

        assertThat(ApiKeyResolver.resolve(post)).isEmpty();
        assertThat(ApiKeyResolver.resolve(postWithHeader)).contains("h");
    }

    @Test
    void emptyValuesCountAsAbsent() {
        var exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/x?api_key=").header("Authorization", ""));

        assertThat(ApiKeyResolver.resolve(exchange)).isEmpty();
    }

    @Test
    void parameterWithoutAValueFallsBackToTheHeader() {
        var exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/x?api_key").header("Authorization", "h"));

        assertThat(ApiKeyResolver.resolve(exchange)).contains("h");
    }

    @Test
    void moreThanOneParameterIsAmbiguous() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/x?api_key=a&api_key=b"));

        assertThatThrownBy(() -> ApiKeyResolver.resolve(exchange))
                .isInstanceOf(ApiKeyResolver.AmbiguousApiKeyException.class)
                .hasMessage("Request has more than one api_key parameter");
    }

    @Test
    void valuesPutAsideByTheRedactingAdapterAreRead() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/x?api_key=redacted"));
        exchange.getAttributes().put(RedactingHttpWebHandlerAdapter.API_KEYS, List.of("real"));

        assertThat(ApiKeyResolver.resolve(exchange)).contains("real");
    }
}
