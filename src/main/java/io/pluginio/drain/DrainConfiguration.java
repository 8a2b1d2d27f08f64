package io.pluginio.drain;

import io.pluginio.websocket.ConnectionRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Schedulers;

/** The {@link ConnectionDrain} that runs when the application context closes. */
@Configuration(proxyBeanMethods = false)
class DrainConfiguration {

    @Bean
    ConnectionDrain connectionDrain(
            ConnectionRegistry connections, ApplicationEventPublisher events, DrainProperties properties) {
        return new ConnectionDrain(connections, events, properties, Schedulers.parallel());
    }
}
