package io.pluginio.plugin;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * A response whose body is {@code content} serialised as JSON with the service's Jackson mapper;
 * {@code Content-Type: application/json}.
 */
public final class JSONResponse extends Response {

    /** {@code content} as JSON with the given status and extra headers. */
    public JSONResponse(@Nullable Object content, HttpStatusCode status, HttpHeaders headers) {
        super(content, status, headers, MediaType.APPLICATION_JSON);
    }

    /** {@code content} as JSON with the given status. */
    public JSONResponse(@Nullable Object content, HttpStatusCode status) {
        this(content, status, new HttpHeaders());
    }

    /** {@code content} as JSON with status 200. */
    public JSONResponse(@Nullable Object content) {
        this(content, HttpStatus.OK);
    }

    /** {@code content} as JSON with status 202 Accepted, the usual answer of a webhook callback. */
    public static JSONResponse accepted(@Nullable Object content) {
        return new JSONResponse(content, HttpStatus.ACCEPTED);
    }
}
