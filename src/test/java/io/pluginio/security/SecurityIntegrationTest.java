package io.pluginio.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;

/**
 * The whole application on a random port with the real security chain, a {@code WebTestClient}
 * bound to it, and the {@link IdentityEcho} endpoints.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // The test clients warn about every refused handshake; refusals are what tests assert.
        properties = {"logging.level.reactor.netty.http.client=error", "logging.level.reactor.netty.channel=error"})
@AutoConfigureWebTestClient
@Import(IdentityEcho.class)
@interface SecurityIntegrationTest {}
