package io.pluginio.security;

import java.net.InetSocketAddress;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpCookie;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Flux;

/**
 * A request with another URI (its {@code api_key} values redacted) and everything else, id included,
 * from the original: what {@code original.mutate().uri(uri).build()} makes, except that the headers
 * are the original's rather than a copy. The request lives as long as its exchange, and the
 * exchange of a WebSocket handshake as long as the connection.
 */
final class RedactedUriRequest extends AbstractServerHttpRequest {

    private final ServerHttpRequest original;

    RedactedUriRequest(ServerHttpRequest original, URI uri) {
        super(original.getMethod(), uri, original.getPath().contextPath().value(), original.getHeaders());
        this.original = original;
    }

    @Override
    public String getId() {
        return original.getId();
    }

    @Override
    protected MultiValueMap<String, HttpCookie> initCookies() {
        return original.getCookies();
    }

    @Override
    protected @Nullable SslInfo initSslInfo() {
        return original.getSslInfo();
    }

    @Override
    public @Nullable InetSocketAddress getRemoteAddress() {
        return original.getRemoteAddress();
    }

    @Override
    public @Nullable InetSocketAddress getLocalAddress() {
        return original.getLocalAddress();
    }

    @Override
    public Flux<DataBuffer> getBody() {
        return original.getBody();
    }

    @Override
    public <T> T getNativeRequest() {
        return ServerHttpRequestDecorator.getNativeRequest(original);
    }
}
