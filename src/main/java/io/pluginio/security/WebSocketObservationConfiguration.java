package io.pluginio.security;

import io.micrometer.observation.ObservationPredicate;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.security.authorization.AuthorizationObservationContext;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.web.server.WebFilterChainProxy.WebFilterChainDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Leaves requests to the WebSocket endpoint ({@link WebSocketPaths}) out of Micrometer
 * observations: the server-request observation ({@code http.server.requests}) and Spring
 * Security's ({@code spring.security.*}). A WebSocket connection is one HTTP request that lasts
 * as long as the connection, so as an HTTP timer it is meaningless, and each observation stayed
 * open, holding its context, key values and a long-task-timer sample, for the connection's whole
 * life. The WebSocket metrics of {@code io.pluginio.metrics} measure connections instead. Every
 * other request is observed as before.
 *
 * <p>Two mechanisms, because Spring Security's filter-chain observations carry no request an
 * {@link ObservationPredicate} could look at (spring-security#12854): the predicate drops the
 * server-request and authorization observations, whose contexts hold the request or exchange, and
 * the filter chain of WebSocket requests skips Spring Security's observing decorator.
 */
@Configuration(proxyBeanMethods = false)
class WebSocketObservationConfiguration {

    /** Spring Security's own post-processor, which makes its filter-chain decorator observing. */
    private static final String SECURITY_DECORATOR_POST_PROCESSOR = "filterChainDecoratorPostProcessor";

    @Bean
    ObservationPredicate webSocketRequestsUnobserved() {
        return (name, context) -> {
            if (context instanceof ServerRequestObservationContext server) {
                return !WebSocketPaths.matches(server.getCarrier());
            }
            if (context instanceof AuthorizationObservationContext<?> authorization
                    && authorization.getObject() instanceof ServerWebExchange exchange) {
                return !WebSocketPaths.matches(exchange.getRequest());
            }
            return true;
        };
    }

    /**
     * Wraps Spring Security's filter-chain decorator post-processor: WebSocket requests get the
     * plain decorator, everything else what Spring Security's post-processor made (observing, unless
     * its {@code SecurityObservationSettings} say otherwise).
     */
    @Bean
    @Primary
    static ObjectPostProcessor<WebFilterChainDecorator> webSocketUnobservedFilterChains(
            @Qualifier(SECURITY_DECORATOR_POST_PROCESSOR) ObjectPostProcessor<WebFilterChainDecorator> security) {
        return new ObjectPostProcessor<>() {
            // The contract's return type cannot name a wrapper; Spring Security's own post-processors cast too.
            @Override
            @SuppressWarnings("unchecked")
            public <O extends WebFilterChainDecorator> O postProcess(O decorator) {
                WebFilterChainDecorator observing = security.postProcess(decorator);
                return observing == decorator ? decorator : (O) new WebSocketUnobservedDecorator(observing, decorator);
            }
        };
    }

    /** Decorates WebSocket requests' chains with {@code plain}, all others with {@code observing}. */
    private record WebSocketUnobservedDecorator(WebFilterChainDecorator observing, WebFilterChainDecorator plain)
            implements WebFilterChainDecorator {

        @Override
        public WebFilterChain decorate(WebFilterChain original) {
            return exchange -> pick(exchange).decorate(original).filter(exchange);
        }

        @Override
        public WebFilterChain decorate(WebFilterChain original, List<WebFilter> filters) {
            return exchange -> pick(exchange).decorate(original, filters).filter(exchange);
        }

        private WebFilterChainDecorator pick(ServerWebExchange exchange) {
            return WebSocketPaths.matches(exchange.getRequest()) ? plain : observing;
        }
    }
}
