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
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * The security chains. Authorization is left to plugins ({@code authenticate} on every route class
 * and WebSocket handler); Spring Security's job here is to resolve who is calling into an {@link
 * IdentityAuthentication} before any plugin code runs, to hold cookie-authenticated WebSocket
 * handshakes to an Origin allow-list, and to run the optional login form (with CSRF protection).
 * Plugin routes under {@code /plugin-io/api/**} are exempt from CSRF: see {@code docs/security.md}.
 *
 * <p>WebSocket handshakes have a chain of their own with only what the upgrade needs, ahead of the
 * chain for everything else. When the login form is off, no chain reads the WebSession: nothing
 * could have stored a login there, and creating one per request costs two thread hops.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    static final String PLUGIN_API_PATHS = "/plugin-io/api/**";

    private final SecurityProperties properties;

    // One instance for both chains: one session-token decoder, one JWKS cache.
    private final IdentityWebFilter identity;

    private final ServerSecurityContextRepository loginSessions;

    SecurityConfiguration(SecurityProperties properties) {
        this.properties = properties;
        this.identity = new IdentityWebFilter(SessionTokenResolver.of(properties.sessionToken()));
        this.loginSessions = properties.login().enabled()
                ? new WebSessionServerSecurityContextRepository()
                : NoOpServerSecurityContextRepository.getInstance();
    }

    /**
     * Handshakes on {@code /plugin-io/ws/**}: the identity (from the login session when the login
     * form is on, the session-token cookie, the API key) and the Origin check, nothing else. No
     * CSRF (the endpoint changes no state outside a WebSocket, and a cross-site handshake is what
     * the Origin check is for), no request cache, no login or logout, no security headers (they
     * mean nothing on a 101 response).
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain webSocketSecurityWebFilterChain(ServerHttpSecurity http) {
        return http.securityMatcher(WebSocketPaths.matcher())
                .securityContextRepository(loginSessions)
                .headers(headers -> headers.disable())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .addFilterAt(identity, SecurityWebFiltersOrder.AUTHENTICATION)
                .authorizeExchange(exchanges -> exchanges
                        .anyExchange()
                        .access(new HandshakeOriginAuthorizationManager(properties.allowedOrigins())))
                .build();
    }

    /** Everything else: plugin routes, the login form, actuator. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, LoginUsers loginUsers) {
        http.securityContextRepository(loginSessions)
                .httpBasic(basic -> basic.disable())
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(csrfProtected()))
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .addFilterAt(identity, SecurityWebFiltersOrder.AUTHENTICATION);
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
    LoginUsers loginUsers() {
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
    NettyServerCustomizer redactingAccessLog() {
        RedactingAccessLog accessLog = new RedactingAccessLog();
        return server -> server.accessLog(properties.accessLog().enabled(), accessLog);
    }
}
