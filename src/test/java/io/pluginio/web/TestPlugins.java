package io.pluginio.web;

import io.pluginio.plugin.ApiKeyAuth;
import io.pluginio.plugin.ApiKeyCredentials;
import io.pluginio.plugin.AuthenticationException;
import io.pluginio.plugin.BasicAuth;
import io.pluginio.plugin.BearerCredentials;
import io.pluginio.plugin.Broadcast;
import io.pluginio.plugin.Credentials;
import io.pluginio.plugin.Effect;
import io.pluginio.plugin.HTMLResponse;
import io.pluginio.plugin.JSONResponse;
import io.pluginio.plugin.LoggedInUser;
import io.pluginio.plugin.PatientSessionAuth;
import io.pluginio.plugin.PlainTextResponse;
import io.pluginio.plugin.Plugin;
import io.pluginio.plugin.Request;
import io.pluginio.plugin.Response;
import io.pluginio.plugin.Secrets;
import io.pluginio.plugin.SessionCredentials;
import io.pluginio.plugin.SimpleApi;
import io.pluginio.plugin.StaffSessionAuth;
import io.pluginio.plugin.WebSocket;
import io.pluginio.plugin.WebSocketApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * The plugins of the SimpleAPI tests; the channels of {@code alpha} and {@code beta} accept anyone.
 *
 * <ul>
 *   <li>{@code alpha}: effects and request access ({@link Open}), every way to refuse ({@link
 *       Refusing}), one route class per credentials type;
 *   <li>{@code beta}: a second plugin with its own secrets and channels;
 *   <li>{@code routes_p}: PUT, PATCH and DELETE under a class prefix, routes without one;
 *   <li>{@code routes_keyless}: the ready-made authenticators without their secrets.
 * </ul>
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({
    TestPlugins.Open.class,
    TestPlugins.Refusing.class,
    TestPlugins.Basic.class,
    TestPlugins.Bearer.class,
    TestPlugins.ApiKey.class,
    TestPlugins.CustomHeaderKey.class,
    TestPlugins.Session.class,
    TestPlugins.Staff.class,
    TestPlugins.Patient.class,
    TestPlugins.Beta.class,
    TestPlugins.Signed.class,
    TestPlugins.AlphaChannels.class,
    TestPlugins.BetaChannels.class,
    TestPlugins.Items.class,
    TestPlugins.Root.class,
    TestPlugins.Keyless.class,
    TestPlugins.KeylessBasic.class
})
class TestPlugins {

    /** Accepts every request; its routes exercise effects and request access. */
    @Plugin("alpha")
    @RequestMapping("/open")
    static class Open extends OpenRoutes {

        @PostMapping("/response-and-broadcasts")
        List<Effect> responseAndBroadcasts() {
            return List.of(
                    new Broadcast("rb-1", Map.of("n", 1)),
                    new JSONResponse(Map.of("created", true), HttpStatus.CREATED),
                    new Broadcast("rb-2", "two"));
        }

        @PostMapping("/broadcasts-only")
        List<Effect> broadcastsOnly() {
            return List.of(new Broadcast("bo", 1), new Broadcast("bo", 2), new Broadcast("bo", 3));
        }

        /** Broadcasts "marker": arriving first, it shows nothing was broadcast before it. */
        @PostMapping("/marker/{channel}")
        List<Effect> marker(@PathVariable String channel) {
            return List.of(new Broadcast(channel, "marker"));
        }

        @PostMapping("/nothing")
        List<Effect> nothing() {
            return List.of();
        }

        @PostMapping("/two-responses")
        List<Effect> twoResponses() {
            return List.of(new Broadcast("tr", 1), new PlainTextResponse("a"), new PlainTextResponse("b"));
        }

        @PostMapping("/error-response")
        List<Effect> errorResponse() {
            return List.of(
                    new Broadcast("er", 1),
                    new JSONResponse(Map.of("problem", "conflict"), HttpStatus.CONFLICT),
                    new Broadcast("er", 2));
        }

        @PostMapping("/throws")
        List<Effect> throwsAfterBroadcastBuilt() {
            new Broadcast("th", 1);
            throw new IllegalStateException("internal detail: db password is hunter2");
        }

        @PostMapping("/invalid-channel")
        List<Effect> invalidChannel() {
            return List.of(new Broadcast("ic", 1), new Broadcast("not valid!", 2), new PlainTextResponse("ok"));
        }

        @GetMapping("/mono")
        Mono<List<Effect>> mono() {
            return Mono.fromSupplier(
                    () -> List.of(new Broadcast("mono", "m"), new PlainTextResponse("from mono", HttpStatus.ACCEPTED)));
        }

        @GetMapping("/flux")
        Flux<Effect> flux() {
            return Flux.just(new Broadcast("flux", 1), new Broadcast("flux", 2), new HTMLResponse("<p>flux</p>"));
        }

        @GetMapping("/endless")
        Flux<Effect> endless() {
            return Flux.<Effect>generate(sink -> sink.next(new Broadcast("endless", 0)));
        }

        @GetMapping("/single")
        Effect single() {
            HttpHeaders headers = new HttpHeaders();
            headers.add("X-Raw", "yes");
            return new Response(new byte[] {1, 2, 3}, HttpStatus.OK, headers, MediaType.APPLICATION_OCTET_STREAM);
        }

        @GetMapping("/json-null")
        Effect jsonNull() {
            return new JSONResponse(null);
        }

        @GetMapping("/entity")
        ResponseEntity<String> entity() {
            return ResponseEntity.status(HttpStatus.I_AM_A_TEAPOT)
                    .header("X-Entity", "1")
                    .body("teapot");
        }

        @GetMapping("/pojo")
        Greeting pojo() {
            return new Greeting("hello");
        }

        @GetMapping("/mono-string")
        Mono<String> monoString() {
            return Mono.just("plain mono");
        }

        @PostMapping("/request/{id}/{name}")
        Effect request(Request request) {
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("method", request.method().name());
            seen.put("path", request.path());
            seen.put("queryString", request.queryString());
            seen.put("queryParams", request.queryParams());
            seen.put("accept", request.headers().all("Accept"));
            seen.put("custom", request.headers().first("x-CUSTOM").orElse(""));
            seen.put("pathVariables", request.pathVariables());
            seen.put(
                    "contentType",
                    request.contentType().map(MediaType::toString).orElse(""));
            seen.put("bodyLength", request.body().length);
            seen.put("text", request.text());
            seen.put("json", request.json());
            seen.put("typed", request.json(Greeting.class).text());
            return new JSONResponse(seen);
        }

        @PostMapping("/form")
        Effect form(Request request) {
            Map<String, Object> seen = new LinkedHashMap<>();
            request.formData()
                    .forEach((name, parts) -> seen.put(
                            name,
                            parts.stream()
                                    .map(part -> part.isFile()
                                            ? part.filename().orElseThrow() + ":"
                                                    + part.contentType()
                                                            .map(MediaType::toString)
                                                            .orElse("") + ":"
                                                    + part.value()
                                            : part.value())
                                    .toList()));
            return new JSONResponse(seen);
        }

        @PostMapping("/raw")
        Effect raw(Request request) {
            return new PlainTextResponse(request.body().length + " bytes");
        }

        @PostMapping("/form-of-json")
        Effect formOfJson(Request request) {
            return new JSONResponse(request.formData().keySet());
        }

        @PostMapping("/spring/{id}")
        Map<String, Object> spring(
                @PathVariable String id,
                @RequestParam String q,
                @RequestBody JsonNode body,
                ServerWebExchange exchange) {
            return Map.of(
                    "id",
                    id,
                    "q",
                    q,
                    "body",
                    body,
                    "path",
                    exchange.getRequest().getPath().value());
        }

        @PostMapping(path = "/json-only", consumes = MediaType.APPLICATION_JSON_VALUE)
        String jsonOnly(@RequestBody String body) {
            return body;
        }

        @PostMapping("/typed-body")
        Greeting typedBody(@RequestBody Greeting greeting) {
            return new Greeting(greeting.text().toUpperCase());
        }

        @GetMapping("/secrets")
        Map<String, Object> secrets(Secrets secrets) {
            return Map.of(
                    "token", secrets.get("token").orElse(""),
                    "betaVisible", secrets.get("beta-only").isPresent());
        }
    }

    record Greeting(String text) {}

    /** Refuses in every way a route class can, chosen by the request path. */
    @Plugin("alpha")
    @RequestMapping("/refuse")
    static class Refusing implements SimpleApi<Credentials> {

        static final AtomicReference<String> lastThread = new AtomicReference<>("");

        @Override
        public boolean authenticate(Credentials credentials) {
            lastThread.set(Thread.currentThread().getName()
                    + (Schedulers.isInNonBlockingThread() ? " (non-blocking)" : " (may block)"));
            String path = credentials.request().getPath().value();
            if (path.endsWith("/custom")) {
                throw new AuthenticationException("Only on Tuesdays");
            }
            if (path.endsWith("/crash")) {
                throw new IllegalStateException("internal detail: secret alpha-token leaked");
            }
            return !path.endsWith("/false");
        }

        @GetMapping("/{how}")
        String refuse(@PathVariable String how) {
            return "ran " + how;
        }
    }

    @Plugin("alpha")
    static class Basic implements BasicAuth {
        @GetMapping("/basic")
        String basic() {
            return "basic ok";
        }
    }

    @Plugin("alpha")
    static class Bearer implements SimpleApi<BearerCredentials> {
        @Override
        public boolean authenticate(BearerCredentials credentials) {
            return credentials.secrets().matches("token", credentials.token());
        }

        @GetMapping("/bearer")
        String bearer() {
            return "bearer ok";
        }
    }

    @Plugin("alpha")
    static class ApiKey implements ApiKeyAuth {
        @GetMapping("/api-key")
        String apiKey() {
            return "api key ok";
        }
    }

    @Plugin("alpha")
    static class CustomHeaderKey implements SimpleApi<ApiKeyCredentials> {
        @Override
        public boolean authenticate(ApiKeyCredentials credentials) {
            return credentials.secrets().matches("token", credentials.key());
        }

        @Override
        public String apiKeyHeader() {
            return "X-Api-Key";
        }

        @GetMapping("/custom-header-key")
        String customHeaderKey() {
            return "custom header ok";
        }
    }

    @Plugin("alpha")
    static class Session implements SimpleApi<SessionCredentials> {

        static final AtomicReference<LoggedInUser> lastUser = new AtomicReference<>();

        @Override
        public boolean authenticate(SessionCredentials credentials) {
            lastUser.set(credentials.loggedInUser());
            return true;
        }

        @GetMapping("/session")
        String session(ServerWebExchange exchange) {
            return "session ok";
        }
    }

    @Plugin("alpha")
    static class Staff implements StaffSessionAuth {
        @GetMapping("/staff")
        String staff() {
            return "staff ok";
        }
    }

    @Plugin("alpha")
    static class Patient implements PatientSessionAuth {
        @GetMapping("/patient")
        String patient() {
            return "patient ok";
        }
    }

    /** Custom credentials: the value of header X-Signature, parsed by the credentials class itself. */
    public static final class SignatureCredentials extends Credentials {

        private final String signature;

        public SignatureCredentials(ServerHttpRequest request, Secrets secrets) {
            super(request, secrets);
            this.signature =
                    headers().first("X-Signature").orElseThrow(AuthenticationException.NoAuthorizationHeader::new);
        }

        String signature() {
            return signature;
        }
    }

    @Plugin("alpha")
    static class Signed implements SimpleApi<SignatureCredentials> {
        @Override
        public boolean authenticate(SignatureCredentials credentials) {
            return credentials.secrets().matches("token", credentials.signature());
        }

        @GetMapping("/signed")
        String signed() {
            return "signed ok";
        }
    }

    /** Anyone may listen to alpha's channels. */
    @Plugin("alpha")
    static class AlphaChannels implements WebSocketApi {
        @Override
        public boolean authenticate(WebSocket websocket) {
            return true;
        }
    }

    /** Anyone may listen to beta's channels. */
    @Plugin("beta")
    static class BetaChannels implements WebSocketApi {
        @Override
        public boolean authenticate(WebSocket websocket) {
            return true;
        }
    }

    /** A second plugin: its own secrets and channels. */
    @Plugin("beta")
    static class Beta extends OpenRoutes {

        @GetMapping("/secrets")
        Map<String, Object> secrets(Secrets secrets) {
            return Map.of("token", secrets.get("token").orElse(""));
        }

        @PostMapping("/broadcast")
        List<Effect> broadcast() {
            return List.of(new Broadcast("shared-name", "from beta"));
        }

        @GetMapping("/same-path-as-alpha")
        String samePath() {
            return "beta";
        }
    }

    @Plugin("routes_p")
    @RequestMapping("/items")
    static class Items extends OpenRoutes {

        @PutMapping("/{id}")
        PlainTextResponse put(@PathVariable String id) {
            return new PlainTextResponse("PUT " + id);
        }

        @PatchMapping("/{id}")
        PlainTextResponse patch(@PathVariable String id) {
            return new PlainTextResponse("PATCH " + id);
        }

        @DeleteMapping("/{id}")
        PlainTextResponse delete(@PathVariable String id) {
            return new PlainTextResponse("DELETE " + id);
        }
    }

    @Plugin("routes_p")
    static class Root extends OpenRoutes {

        @GetMapping("/root")
        String root() {
            return "root";
        }

        @GetMapping("/thread")
        PlainTextResponse thread() {
            return new PlainTextResponse(Schedulers.isInNonBlockingThread() ? "event loop" : "may block");
        }

        @PostMapping("/thread")
        PlainTextResponse threadAfterBody(Request request) {
            return new PlainTextResponse(
                    request.text() + ": " + (Schedulers.isInNonBlockingThread() ? "event loop" : "may block"));
        }
    }

    /** No secrets are configured for this plugin. */
    @Plugin("routes_keyless")
    static class Keyless implements ApiKeyAuth {

        @GetMapping("/api-key")
        String apiKey() {
            return "api key ok";
        }
    }

    @Plugin("routes_keyless")
    @RequestMapping("/basic")
    static class KeylessBasic implements BasicAuth {

        @GetMapping
        String basic() {
            return "basic ok";
        }
    }
}
