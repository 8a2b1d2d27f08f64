package io.pluginio.plugin;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/** A response whose body is HTML, encoded as UTF-8; {@code Content-Type: text/html}. */
public final class HTMLResponse extends Response {

    /** {@code content} with the given status and extra headers. */
    public HTMLResponse(String content, HttpStatusCode status, HttpHeaders headers) {
        super(content.getBytes(StandardCharsets.UTF_8), status, headers, MediaType.TEXT_HTML);
    }

    /** {@code content} with the given status. */
    public HTMLResponse(String content, HttpStatusCode status) {
        this(content, status, new HttpHeaders());
    }

    /** {@code content} with status 200. */
    public HTMLResponse(String content) {
        this(content, HttpStatus.OK);
    }
}
