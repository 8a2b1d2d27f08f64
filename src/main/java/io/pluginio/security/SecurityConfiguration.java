package io.pluginio.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The security chain. Authorization is left to plugins ({@code authenticate} on every route class
 * and WebSocket handler); Spring Security's job here is to resolve who is calling into an {@link
 * IdentityAuthentication} before any plugin code runs.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
        return http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .addFilterAt(new IdentityWebFilter(), SecurityWebFiltersOrder.AUTHENTICATION)
                .build();
    }
}
