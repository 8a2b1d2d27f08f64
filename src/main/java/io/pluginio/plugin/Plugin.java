package io.pluginio.plugin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Marks a Spring bean as part of the plugin named by {@link #value()}.
 *
 * <p>Several classes may share one plugin name: together they are the plugin. A class annotated
 * {@code @Plugin} is a {@link Component @Component}, so component scanning finds it, and its
 * handler methods write their return values as response bodies (as with {@code @RestController})
 * unless they return {@linkplain Effect effects}.
 *
 * <p>The plugin name is not the bean name: the classes of one plugin are distinct beans named after
 * their classes, as any {@code @Component}.
 *
 * <p>Plugins are detected once, after all singletons exist. Start-up fails with a message naming
 * the class when a plugin name is invalid, when two {@link WebSocketApi} beans of a plugin claim
 * one channel, or when two routes of a plugin map the same method and path.
 *
 * <pre>{@code
 * @Plugin("notifications_demo")
 * class Callback implements ApiKeyAuth {
 *     @PostMapping("/callback")
 *     List<Effect> callback(@RequestBody JsonNode body) {
 *         return List.of(new Broadcast("notifications", body), JSONResponse.accepted(Map.of("status", "ok")));
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
@ResponseBody
public @interface Plugin {

    /**
     * The plugin's name: letters, digits and underscores ({@code [A-Za-z0-9_]+}). It is the
     * {@code <plugin>} segment of the plugin's URLs.
     */
    // Explicitly aliased so that Spring does not take it for the bean name (its convention for a
    // stereotype's un-aliased "value"): several beans share one plugin name.
    @AliasFor("name")
    String value() default "";

    /** Alias for {@link #value()}. */
    @AliasFor("value")
    String name() default "";
}
