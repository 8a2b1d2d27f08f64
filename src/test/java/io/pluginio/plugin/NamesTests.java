package io.pluginio.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTests {

    @ParameterizedTest
    @ValueSource(strings = {"notifications_demo", "A1", "_"})
    void pluginNamesOfLettersDigitsAndUnderscoresAreValid(String name) {
        assertThat(Names.isValidPluginName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with-hyphen", "dot.ted", "sp ace", "slash/ed", "é"})
    void otherPluginNamesAreInvalid(String name) {
        assertThat(Names.isValidPluginName(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"notifications", "staff-123", "scribe_note-1", "x"})
    void channelNamesOfLettersDigitsUnderscoresAndHyphensAreValid(String name) {
        assertThat(Names.isValidChannelName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "caf\u00e9", "\u65e5\u672c", "a.b", "a b", "a/b"})
    void otherChannelNamesAreInvalid(String name) {
        assertThat(Names.isValidChannelName(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100})
    void channelNamesUpToOneHundredCharactersAreValid(int length) {
        assertThat(Names.isValidChannelName("a".repeat(length))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {101, 1000})
    void longerChannelNamesAreInvalid(int length) {
        assertThat(Names.isValidChannelName("a".repeat(length))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bad name", "caf\u00e9"})
    void broadcastToAnInvalidChannelFailsWithTheSdkMessage(String channel) {
        assertThatThrownBy(() -> new Broadcast(channel, "x"))
                .isInstanceOf(InvalidChannelNameException.class)
                .hasMessage("Invalid channel name. Channel name must be alphanumeric and can contain underscores or"
                        + " hyphens.");
    }
}
