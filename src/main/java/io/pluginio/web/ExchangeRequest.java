package io.pluginio.web;

import io.pluginio.plugin.FormPart;
import io.pluginio.plugin.Headers;
import io.pluginio.plugin.Request;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.CollectionUtils;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.json.JsonMapper;

/** A {@link Request} over a Spring request whose body has been read in full. */
final class ExchangeRequest implements Request {

    private final ServerHttpRequest request;

    private final String path;

    private final Headers headers;

    private final Map<String, String> pathVariables;

    private final byte[] body;

    private final @Nullable MultiValueMap<String, FormPart> formData;

    private final JsonMapper jsonMapper;

    ExchangeRequest(
            ServerHttpRequest request,
            String path,
            Map<String, String> pathVariables,
            byte[] body,
            @Nullable MultiValueMap<String, FormPart> formData,
            JsonMapper jsonMapper) {
        this.request = request;
        this.path = path;
        this.headers = Headers.of(request.getHeaders());
        this.pathVariables = Map.copyOf(pathVariables);
        this.body = body;
        this.formData = formData == null ? null : CollectionUtils.unmodifiableMultiValueMap(formData);
        this.jsonMapper = jsonMapper;
    }

    @Override
    public HttpMethod method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String queryString() {
        String query = request.getURI().getRawQuery();
        return query == null ? "" : query;
    }

    @Override
    public MultiValueMap<String, String> queryParams() {
        return request.getQueryParams();
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public Map<String, String> pathVariables() {
        return pathVariables;
    }

    @Override
    public Optional<MediaType> contentType() {
        return contentType(request);
    }

    static Optional<MediaType> contentType(ServerHttpRequest request) {
        try {
            return Optional.ofNullable(request.getHeaders().getContentType());
        } catch (InvalidMediaTypeException ex) {
            return Optional.empty();
        }
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String text() {
        Charset charset = contentType().map(MediaType::getCharset).orElse(StandardCharsets.UTF_8);
        return new String(body, charset);
    }

    @Override
    public JsonNode json() {
        return json(JsonNode.class);
    }

    @Override
    public <T> T json(Class<T> type) {
        if (body.length == 0) {
            throw new ServerWebInputException("Request body is empty, expected JSON");
        }
        try {
            return jsonMapper.readValue(body, type);
        } catch (InvalidDefinitionException ex) {
            // The type cannot be read as JSON at all: the plugin's mistake, not the client's.
            throw new IllegalStateException("Cannot read JSON into " + type.getName(), ex);
        } catch (JacksonException ex) {
            throw new ServerWebInputException("Malformed JSON body", null, ex);
        }
    }

    @Override
    public MultiValueMap<String, FormPart> formData() {
        if (formData == null) {
            throw new UnsupportedMediaTypeStatusException("Cannot parse content type "
                    + contentType().map(MediaType::toString).orElse("(none)") + " as form data");
        }
        return formData;
    }

    @Override
    public String toString() {
        return "Request[" + method() + " " + path + "]";
    }
}
