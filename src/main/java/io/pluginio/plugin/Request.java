package io.pluginio.plugin;

import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP request a {@link SimpleApi} route handles, as the original SDK's {@code request} shows
 * it. Declare a parameter of this type on a route method:
 *
 * <pre>{@code
 * @PostMapping("/orders/{id}")
 * List<Effect> update(Request request) {
 *     String id = request.pathVariables().get("id");
 *     JsonNode body = request.json();
 *     ...
 * }
 * }</pre>
 *
 * <p>The body has been read in full before the route runs (at most {@code
 * spring.http.codecs.max-in-memory-size} bytes, 256 KB by default; a larger body is answered 413),
 * so every accessor returns at once and may be called any number of times. A route method takes
 * either a {@code Request} or Spring's {@code @RequestBody}/{@code @RequestPart}, not both: the
 * body can be read only once.
 *
 * <p>Errors a client can cause surface as HTTP errors with a JSON body {@code {"error": "..."}}:
 * {@link #json()} on a malformed body answers 400, {@link #formData()} on a body that is not form
 * data answers 415.
 */
public interface Request {

    /** The HTTP method. */
    HttpMethod method();

    /**
     * The path after {@code /plugin-io/api/<plugin>}, class-level prefix included, still
     * percent-encoded: {@code /callback} for {@code /plugin-io/api/notifications_demo/callback}.
     */
    String path();

    /** The raw query string without the {@code ?}, still percent-encoded; empty when there is none. */
    String queryString();

    /**
     * The decoded query parameters in order, as Spring parses them (a name without a value maps to
     * an empty string). Read-only.
     */
    MultiValueMap<String, String> queryParams();

    /** The headers: case-insensitive, multi-valued, list-type headers split on commas. */
    Headers headers();

    /** The route's path variables, decoded: {@code {id}} in the mapping gives key {@code id}. */
    Map<String, String> pathVariables();

    /** The {@code Content-Type}, if the request has a valid one. */
    Optional<MediaType> contentType();

    /** The body's bytes (a copy); empty when the request has no body. */
    byte[] body();

    /** The body as text, decoded with the {@code charset} of the content type, else UTF-8. */
    String text();

    /**
     * The body parsed as JSON with the service's Jackson mapper.
     *
     * @throws org.springframework.web.server.ServerWebInputException (answered 400) if the body is
     *     empty or not valid JSON
     */
    JsonNode json();

    /**
     * The body read as JSON into {@code type} with the service's Jackson mapper.
     *
     * @throws org.springframework.web.server.ServerWebInputException (answered 400) if the body is
     *     empty, not valid JSON, or does not fit {@code type}
     */
    <T> T json(Class<T> type);

    /**
     * The form fields and files of an {@code application/x-www-form-urlencoded} or {@code
     * multipart/form-data} body, by name, in order. Read-only.
     *
     * @throws org.springframework.web.server.UnsupportedMediaTypeStatusException (answered 415) for
     *     any other content type
     */
    MultiValueMap<String, FormPart> formData();
}
