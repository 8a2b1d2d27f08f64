package io.pluginio.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pluginio.plugin.Credentials;
import io.pluginio.plugin.Plugin;
import io.pluginio.plugin.Request;
import io.pluginio.plugin.Secrets;
import io.pluginio.plugin.SimpleApi;
import io.pluginio.registry.PluginRegistry;
import io.pluginio.registry.PluginsProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/** Start-up checks of plugin routes: each failure names the classes involved. */
class PluginRouteMappingTests {

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    JacksonAutoConfiguration.class, CodecsAutoConfiguration.class, WebFluxAutoConfiguration.class))
            .withUserConfiguration(SimpleApiTestConfiguration.class);

    /** Start-up fails with a root cause whose message contains each of {@code fragments}. */
    private static void assertStartUpFails(ReactiveWebApplicationContextRunner runner, String... fragments) {
        runner.run(context -> assertThat(context).getFailure().rootCause().hasMessageContainingAll(fragments));
    }

    @Test
    void twoClassesOfAPluginMappingTheSameMethodAndPathFailStartUpNamingBoth() {
        assertStartUpFails(
                runner.withBean(Hello.class).withBean(AlsoHello.class),
                "Two routes map GET /plugin-io/api/alpha/hello",
                Hello.class.getName() + "#hello",
                AlsoHello.class.getName() + "#hello");
    }

    @Test
    void routesDifferingOnlyInPathVariableNamesFailStartUp() {
        assertStartUpFails(
                runner.withBean(VariableNames.class),
                "Two routes map GET /plugin-io/api/alpha/items/{}",
                VariableNames.class.getName() + "#byId",
                VariableNames.class.getName() + "#byName");
    }

    @Test
    void aRouteForSeveralMethodsCollidesWithOneOfThem() {
        assertStartUpFails(runner.withBean(Overlapping.class), "Two routes map POST /plugin-io/api/alpha/both");
    }

    @Test
    void theSamePathInTwoPluginsOrForTwoMethodsIsFine() {
        runner.withBean(Hello.class)
                .withBean(BetaHello.class)
                .withBean(PostHello.class)
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aPluginClassWithRoutesThatDoesNotImplementSimpleApiFailsStartUpNamingIt() {
        assertStartUpFails(
                runner.withBean(Unauthenticated.class),
                Unauthenticated.class.getName()
                        + " declares routes of plugin 'alpha' but does not implement SimpleApi");
    }

    @Test
    void aPluginClassWithoutRoutesNeedNotImplementSimpleApi() {
        runner.withBean(NoRoutes.class).run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void anInvalidPluginNameOnARouteClassFailsStartUpNamingIt() {
        assertStartUpFails(runner.withBean(BadName.class), "Invalid plugin name 'bad-name'", BadName.class.getName());
    }

    @Test
    void aRawSimpleApiAuthenticatesWithPlainCredentials() {
        runner.withBean(Raw.class)
                .run(context -> assertThat(context.getBean(RouteClasses.class).find(Raw.class))
                        .isNotNull()
                        .extracting(RouteClass::credentialsType)
                        .isEqualTo(Credentials.class));
    }

    @Test
    void customCredentialsWithoutTheConstructorFailStartUpNamingThem() {
        assertStartUpFails(
                runner.withBean(Unconstructible.class), NoConstructor.class.getName(), "(ServerHttpRequest, Secrets)");
    }

    @Test
    void aRouteReadingTheBodyTwiceFailsStartUpNamingIt() {
        assertStartUpFails(
                runner.withBean(TwoBodies.class),
                TwoBodies.class.getName() + "#both takes both a Request and a @RequestBody");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PluginsProperties.class)
    @Import({PluginRegistry.class, SimpleApiConfiguration.class})
    static class SimpleApiTestConfiguration {}

    @Plugin("alpha")
    static class Hello extends OpenRoutes {
        @GetMapping("/hello")
        String hello() {
            return "hello";
        }
    }

    @Plugin("alpha")
    static class AlsoHello extends OpenRoutes {
        @GetMapping("/hello")
        String hello() {
            return "also";
        }
    }

    @Plugin("beta")
    static class BetaHello extends OpenRoutes {
        @GetMapping("/hello")
        String hello() {
            return "beta";
        }
    }

    @Plugin("alpha")
    static class PostHello extends OpenRoutes {
        @PostMapping("/hello")
        String hello() {
            return "post";
        }
    }

    @Plugin("alpha")
    static class VariableNames extends OpenRoutes {
        @GetMapping("/items/{id}")
        String byId() {
            return "id";
        }

        @GetMapping("/items/{name}")
        String byName() {
            return "name";
        }
    }

    @Plugin("alpha")
    static class Overlapping extends OpenRoutes {
        @RequestMapping(
                path = "/both",
                method = {RequestMethod.GET, RequestMethod.POST})
        String both() {
            return "both";
        }

        @PostMapping("/both")
        String post() {
            return "post";
        }
    }

    @Plugin("alpha")
    static class Unauthenticated {
        @GetMapping("/open-door")
        String door() {
            return "in";
        }
    }

    @Plugin("alpha")
    static class NoRoutes {}

    @Plugin("alpha")
    static class TwoBodies extends OpenRoutes {
        @PostMapping("/both")
        String both(Request request, @RequestBody String body) {
            return body;
        }
    }

    @Plugin("bad-name")
    static class BadName extends OpenRoutes {
        @GetMapping("/x")
        String x() {
            return "x";
        }
    }

    @Plugin("alpha")
    @SuppressWarnings("rawtypes")
    static class Raw implements SimpleApi {
        @Override
        public boolean authenticate(Credentials credentials) {
            return true;
        }

        @GetMapping("/raw")
        String raw() {
            return "raw";
        }
    }

    static final class NoConstructor extends Credentials {
        NoConstructor(ServerHttpRequest request) {
            super(request, new Secrets() {
                @Override
                public java.util.Optional<String> get(String name) {
                    return java.util.Optional.empty();
                }

                @Override
                public boolean matches(String name, String candidate) {
                    return false;
                }
            });
        }
    }

    @Plugin("alpha")
    static class Unconstructible implements SimpleApi<NoConstructor> {
        @Override
        public boolean authenticate(NoConstructor credentials) {
            return true;
        }

        @GetMapping("/unconstructible")
        String get() {
            return "never";
        }
    }
}
