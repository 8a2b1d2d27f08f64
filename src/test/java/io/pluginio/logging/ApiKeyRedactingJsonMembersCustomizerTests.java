package io.pluginio.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiKeyRedactingJsonMembersCustomizerTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /ws/a/b/?api_key=abc                 | /ws/a/b/?api_key=[redacted]
            /ws/a/b?since=3&api_key=abc&x=1      | /ws/a/b?since=3&api_key=[redacted]&x=1
            GET "/ws/a/b/?api_key=a%2Fb" 101     | GET "/ws/a/b/?api_key=[redacted]" 101
            /ws/a/b/?api%5Fkey=abc#frag          | /ws/a/b/?api%5Fkey=[redacted]#frag
            /ws/a/b/?API_KEY=abc                 | /ws/a/b/?API_KEY=[redacted]
            /ws/a/b/?my_api_keys=abc             | /ws/a/b/?my_api_keys=abc
            no parameters at all                 | no parameters at all
            """)
    void redactMasksEveryApiKeyValueAndNothingElse(String text, String expected) {
        assertThat(ApiKeyRedactingJsonMembersCustomizer.redact(text)).isEqualTo(expected);
    }
}
