package io.pluginio.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * The security chain. Authorization is left to plugins ({@code authenticate} on every route class
 * and WebSocket handler); Spring Security's job here is to resolve who is calling into an {@link
 * IdentityAuthentication} before any plugin code runs, to hold cookie-authenticated WebSocket
 * handshakes to an Origin allow-list, and to run the optional login form (with CSRF protection).
 * Plugin routes under {@code /plugin-io/api/**} are exempt from CSRF: see {@code docs/security.md}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    static final String WEBSOCKET_PATHS = "/plugin-io/ws/**";

    static final String PLUGIN_API_PATHS = "/plugin-io/api/**";

    @Bean
    SecurityWebFilterChain securityWebFilterChain(
            ServerHttpSecurity http, SecurityProperties properties, LoginUsers loginUsers) {
        http.httpBasic(basic -> basic.disable())
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(csrfProtected()))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(WEBSOCKET_PATHS)
                        .access(new HandshakeOriginAuthorizationManager(properties.allowedOrigins()))
                        .anyExchange()
                        .permitAll())
                .addFilterAt(
                        new IdentityWebFilter(SessionTokenResolver.of(properties.sessionToken())),
                        SecurityWebFiltersOrder.AUTHENTICATION);
        SecurityProperties.Login login = properties.login();
        if (login.enabled()) {
            UserDetailsRepositoryReactiveAuthenticationManager users =
                    new UserDetailsRepositoryReactiveAuthenticationManager(loginUsers);
            http.formLogin(form -> form.authenticationManager(users)
                            .authenticationSuccessHandler(
                                    new RedirectServerAuthenticationSuccessHandler(login.successUrl())))
                    .logout(Customizer.withDefaults());
        } else {
            http.formLogin(form -> form.disable()).logout(logout -> logout.disable());
        }
        return http.build();
    }

    /**
     * Unsafe methods need a CSRF token, except on plugin routes: those are webhooks and API-key
     * calls that never hold a token, and session cookies are SameSite=Lax.
     */
    private static ServerWebExchangeMatcher csrfProtected() {
        return new AndServerWebExchangeMatcher(
                CsrfWebFilter.DEFAULT_CSRF_MATCHER,
                new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(PLUGIN_API_PATHS)));
    }

    /**
     * The login form's users (none unless configured). Being a bean, it also stops Spring Boot from
     * creating its default user with a generated password.
     */
    @Bean
    LoginUsers loginUsers(SecurityProperties properties) {
        return new LoginUsers(properties.login().users());
    }

    @Bean
    LoggedInUserHeaderFilter loggedInUserHeaderFilter() {
        return new LoggedInUserHeaderFilter();
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    HttpHandlerDecoratorFactory redactingHttpWebHandlerAdapter() {
        return RedactingHttpWebHandlerAdapter.decorator();
    }

    @Bean
    NettyServerCustomizer redactingAccessLog(SecurityProperties properties) {
        RedactingAccessLog accessLog = new RedactingAccessLog();
        return server -> server.accessLog(properties.accessLog().enabled(), accessLog);
    }
}
