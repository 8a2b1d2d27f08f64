package io.pluginio.web;

import io.pluginio.plugin.FormPart;
import io.pluginio.plugin.Request;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.codec.FormHttpMessageReader;
import org.springframework.http.codec.multipart.DefaultPartHttpMessageReader;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resolves {@link Request} arguments of plugin routes: reads the whole body, at most {@code
 * maxBodySize} bytes (more is 413 without reading further), and parses form bodies with Spring's own
 * readers, kept in memory since the body is bounded.
 */
final class RequestArgumentResolver implements HandlerMethodArgumentResolver {

    private static final ResolvableType FORM_TYPE =
            ResolvableType.forClassWithGenerics(MultiValueMap.class, String.class, String.class);

    private static final ResolvableType PART_TYPE = ResolvableType.forClass(Part.class);

    private final RouteClasses routeClasses;

    private final JsonMapper jsonMapper;

    private final int maxBodySize;

    private final FormHttpMessageReader formReader = new FormHttpMessageReader();

    private final DefaultPartHttpMessageReader partReader = new DefaultPartHttpMessageReader();

    RequestArgumentResolver(RouteClasses routeClasses, JsonMapper jsonMapper, int maxBodySize) {
        this.routeClasses = routeClasses;
        this.jsonMapper = jsonMapper;
        this.maxBodySize = maxBodySize;
        formReader.setMaxInMemorySize(maxBodySize);
        // Parts never exceed the body, so they all stay in memory: no temporary files.
        partReader.setMaxInMemorySize(maxBodySize);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Request.class;
    }

    @Override
    public Mono<Object> resolveArgument(
            MethodParameter parameter, BindingContext bindingContext, ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        RouteClass routeClass = routeClasses.find(parameter.getContainingClass());
        String prefix = PluginRouteMapping.API_PREFIX + (routeClass == null ? "" : routeClass.plugin());
        String fullPath = request.getPath().pathWithinApplication().value();
        String path = fullPath.startsWith(prefix) ? fullPath.substring(prefix.length()) : fullPath;
        Map<String, String> pathVariables =
                exchange.getAttributeOrDefault(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of());
        return DataBufferUtils.join(request.getBody(), maxBodySize)
                .map(RequestArgumentResolver::bytes)
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, ContentTooLargeException::new)
                .flatMap(body -> formData(request, body)
                        .map(form -> new ExchangeRequest(request, path, pathVariables, body, form, jsonMapper))
                        .defaultIfEmpty(new ExchangeRequest(request, path, pathVariables, body, null, jsonMapper)));
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** The form data of a form body; empty for other content types. */
    private Mono<MultiValueMap<String, FormPart>> formData(ServerHttpRequest request, byte[] body) {
        MediaType contentType = ExchangeRequest.contentType(request).orElse(null);
        if (contentType == null) {
            return Mono.empty();
        }
        ReactiveHttpInputMessage message = new BufferedMessage(request.getHeaders(), body);
        Mono<MultiValueMap<String, FormPart>> form;
        if (MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(contentType)) {
            form = formReader.readMono(FORM_TYPE, message, Map.of()).map(RequestArgumentResolver::fields);
        } else if (MediaType.MULTIPART_FORM_DATA.isCompatibleWith(contentType)) {
            form = partReader
                    .read(PART_TYPE, message, Map.of())
                    .concatMap(RequestArgumentResolver::formPart)
                    .collect(LinkedMultiValueMap::new, (map, part) -> map.add(part.name(), part));
        } else {
            return Mono.empty();
        }
        return form.onErrorMap(
                DecodingException.class, ex -> new ServerWebInputException("Malformed form data", null, ex));
    }

    private static MultiValueMap<String, FormPart> fields(MultiValueMap<String, String> values) {
        MultiValueMap<String, FormPart> fields = new LinkedMultiValueMap<>();
        values.forEach((name, list) -> list.forEach(value -> fields.add(name, FormPart.text(name, value))));
        return fields;
    }

    private static Mono<FormPart> formPart(Part part) {
        @Nullable String filename = part instanceof FilePart file ? file.filename() : null;
        MediaType contentType = part.headers().getContentType();
        return DataBufferUtils.join(part.content())
                .map(RequestArgumentResolver::bytes)
                .defaultIfEmpty(new byte[0])
                .map(content -> new FormPart(part.name(), content, filename, contentType));
    }

    /** The body already read, offered again to Spring's readers. */
    private record BufferedMessage(HttpHeaders headers, byte[] body) implements ReactiveHttpInputMessage {

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
        }
    }
}
