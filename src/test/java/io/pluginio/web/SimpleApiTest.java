package io.pluginio.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;

/**
 * The whole service on a random port with the test plugins of {@link TestPlugins}, their secrets,
 * session-token cookies signed as {@link SessionTokens} signs them, and a {@code WebTestClient}. Every class using it shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "plugin-io.plugins[alpha].secrets[simpleapi-api-key]=alpha-key",
            "plugin-io.plugins[alpha].secrets[simpleapi-basic-username]=ann",
            "plugin-io.plugins[alpha].secrets[simpleapi-basic-password]=pa:ss",
            "plugin-io.plugins[alpha].secrets[token]=alpha-token",
            "plugin-io.plugins[beta].secrets[token]=beta-token",
            "plugin-io.plugins[notifications_demo].secrets[simpleapi-api-key]=demo-key",
            "plugin-io.plugins[notifications_demo].secrets[ws-api-key]=demo-ws-key",
            "spring.http.codecs.max-in-memory-size=64KB",
            "plugin-io.security.session-token.hmac-secret=" + SessionTokens.HMAC_SECRET
        })
@AutoConfigureWebTestClient
@Import(TestPlugins.class)
@interface SimpleApiTest {}
