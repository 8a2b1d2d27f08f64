package io.pluginio.plugin;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * The answer to the request: a status, headers and a body of bytes.
 *
 * <p>Subclasses fix the content type: {@link JSONResponse}, {@link PlainTextResponse}, {@link
 * HTMLResponse}. A route returns at most one response among its {@linkplain Effect effects}; a
 * response with a 4xx or 5xx status is sent alone and the route's other effects are dropped.
 */
public sealed class Response implements Effect permits JSONResponse, PlainTextResponse, HTMLResponse {

    private final @Nullable Object content;

    private final HttpStatusCode status;

    private final HttpHeaders headers;

    /**
     * A response of raw bytes.
     *
     * @param content the body; {@code null} for none
     * @param status the status code
     * @param headers extra headers, copied; may be empty
     * @param contentType the {@code Content-Type}, or {@code null} to leave it to {@code headers}
     */
    public Response(
            byte @Nullable [] content, HttpStatusCode status, HttpHeaders headers, @Nullable MediaType contentType) {
        this((Object) content, status, headers, contentType);
    }

    /** A response of raw bytes with status 200 and no extra headers. */
    public Response(byte @Nullable [] content) {
        this(content, HttpStatus.OK, new HttpHeaders(), null);
    }

    /** A response with no body: {@code new Response(HttpStatus.NO_CONTENT)}. */
    public Response(HttpStatusCode status) {
        this((byte[]) null, status, new HttpHeaders(), null);
    }

    Response(@Nullable Object content, HttpStatusCode status, HttpHeaders headers, @Nullable MediaType contentType) {
        this.content = content;
        this.status = Objects.requireNonNull(status, "status");
        HttpHeaders copy = new HttpHeaders();
        copy.putAll(Objects.requireNonNull(headers, "headers"));
        if (contentType != null) {
            copy.setContentType(contentType);
        }
        this.headers = copy;
    }

    /**
     * The body as given: {@code byte[]} for raw, plain-text and HTML responses (UTF-8), the value to
     * serialise as JSON for a {@link JSONResponse}, {@code null} for none.
     */
    public @Nullable Object content() {
        return content;
    }

    /** The status code. */
    public HttpStatusCode status() {
        return status;
    }

    /** A copy of the headers, content type included. */
    public HttpHeaders headers() {
        HttpHeaders copy = new HttpHeaders();
        copy.putAll(headers);
        return copy;
    }

    /** Whether the status is 4xx or 5xx: such a response is sent alone. */
    public boolean isError() {
        return status.isError();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[status=" + status.value() + "]";
    }
}
