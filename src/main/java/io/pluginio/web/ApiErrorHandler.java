package io.pluginio.web;

import io.pluginio.broker.BrokerUnavailableException;
import io.pluginio.plugin.AuthenticationException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes every error under {@code /plugin-io/api/} as JSON {@code {"error": "<message>"}}, the
 * shape the original SDK uses for 401s. Messages are fixed texts chosen here (or an {@link
 * AuthenticationException}'s own): never an internal exception message, never a stack trace.
 * Errors a client cannot cause are logged with their stack trace and answered 500.
 *
 * <p>Ordered before Spring Boot's {@code ErrorWebExceptionHandler}, which keeps answering every
 * other path in its own format.
 */
final class ApiErrorHandler implements WebExceptionHandler, Ordered {

    private static final Logger logger = LoggerFactory.getLogger(ApiErrorHandler.class);

    static final String INTERNAL_ERROR = "Internal server error";

    private final JsonMapper jsonMapper;

    private final long maxBodySize;

    ApiErrorHandler(JsonMapper jsonMapper, long maxBodySize) {
        this.jsonMapper = jsonMapper;
        this.maxBodySize = maxBodySize;
    }

    @Override
    public int getOrder() {
        // Boot's ErrorWebExceptionHandler is -1.
        return -2;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (!PluginRouteMapping.isApiPath(exchange) || exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        Answer answer = answer(ex);
        if (answer.status().is5xxServerError()) {
            logger.error(
                    "{} {} failed",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().pathWithinApplication(),
                    ex);
        } else {
            logger.debug(
                    "{} {} answered {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().pathWithinApplication(),
                    answer.status().value(),
                    ex);
        }
        return write(exchange.getResponse(), answer);
    }

    Answer answer(Throwable ex) {
        if (ex instanceof AuthenticationException authentication) {
            return new Answer(HttpStatus.UNAUTHORIZED, String.valueOf(authentication.getMessage()));
        }
        if (ex instanceof BrokerUnavailableException) {
            return new Answer(HttpStatus.SERVICE_UNAVAILABLE, "Broadcast not accepted: broker unavailable");
        }
        if (ex instanceof DataBufferLimitException || ex instanceof ContentTooLargeException) {
            return new Answer(HttpStatus.CONTENT_TOO_LARGE, "Request body is larger than " + maxBodySize + " bytes");
        }
        if (ex instanceof UnsupportedMediaTypeStatusException) {
            return new Answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type");
        }
        if (ex instanceof ServerWebInputException input) {
            boolean malformed =
                    input.getCause() instanceof DecodingException || input.getCause() instanceof JacksonException;
            return new Answer(HttpStatus.BAD_REQUEST, malformed ? "Malformed request body" : "Bad request");
        }
        if (ex instanceof PluginRouteMapping.InvalidPluginNameException) {
            return new Answer(HttpStatus.BAD_REQUEST, PluginRouteMapping.InvalidPluginNameException.MESSAGE);
        }
        if (ex instanceof ResponseStatusException status) {
            HttpStatus known = HttpStatus.resolve(status.getStatusCode().value());
            return new Answer(status.getStatusCode(), known != null ? known.getReasonPhrase() : INTERNAL_ERROR);
        }
        return new Answer(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL_ERROR);
    }

    private Mono<Void> write(ServerHttpResponse response, Answer answer) {
        response.setStatusCode(answer.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = jsonMapper.writeValueAsBytes(Map.of("error", answer.message()));
        return response.writeWith(
                Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    /** What a client is told. */
    record Answer(HttpStatusCode status, String message) {}
}
