package io.pluginio.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pluginio.broker.StreamPosition;
import io.pluginio.channel.Resume;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ChannelRequestTests {

    @Test
    void parseAcceptsBothUrlFormsAndIgnoresOtherParameters() {
        ChannelRequest withSlash = ChannelRequest.parse(URI.create("/plugin-io/ws/my_plugin/news-1/?api_key=k"));
        ChannelRequest withoutSlash = ChannelRequest.parse(URI.create("/plugin-io/ws/my_plugin/news-1?api_key=k"));
        assertThat(withSlash).isEqualTo(withoutSlash);
        assertThat(withSlash.plugin()).isEqualTo("my_plugin");
        assertThat(withSlash.channel()).isEqualTo("news-1");
        assertThat(withSlash.resume()).isEqualTo(Resume.none());
    }

    @Test
    void parseReadsResumeParameters() {
        assertThat(ChannelRequest.parse(URI.create("/plugin-io/ws/p/c/?since=latest"))
                        .resume())
                .isEqualTo(Resume.latest());
        assertThat(ChannelRequest.parse(URI.create("/plugin-io/ws/p/c/?since=12&epoch=abc"))
                        .resume())
                .isEqualTo(Resume.from(new StreamPosition(12, "abc")));
    }

    @Test
    void parseRejectsMalformedInput() {
        for (String uri : new String[] {
            "/plugin-io/ws/p/",
            "/plugin-io/ws/p/c/d",
            "/plugin-io/ws/bad-plugin/c",
            "/plugin-io/ws/p/caf%C3%A9",
            "/plugin-io/ws/p/" + "c".repeat(101),
            "/plugin-io/ws/p/%25zz",
            "/plugin-io/ws/p/c?since=12",
            "/plugin-io/ws/p/c?epoch=abc",
            "/plugin-io/ws/p/c?since=x&epoch=abc",
            "/plugin-io/ws/p/c?since=1&since=2&epoch=abc",
            "/plugin-io/ws/p/c?since=1&epoch=a.b",
            "/plugin-io/ws/p/c?since=99999999999999999999&epoch=abc",
        }) {
            assertThatThrownBy(() -> ChannelRequest.parse(URI.create(uri)))
                    .as(uri)
                    .isInstanceOf(ChannelRequest.BadRequestException.class);
        }
    }
}
