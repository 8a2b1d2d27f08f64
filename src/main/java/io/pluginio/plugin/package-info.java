/**
 * The plugin API: everything a plugin author compiles against.
 *
 * <p>A plugin is a set of Spring beans annotated {@link io.pluginio.plugin.Plugin @Plugin("name")}
 * that share one name. A bean may
 *
 * <ul>
 *   <li>implement {@link io.pluginio.plugin.WebSocketApi} to decide who may connect to the
 *       plugin's WebSocket channels ({@code /plugin-io/ws/<plugin>/<channel>/});
 *   <li>implement {@link io.pluginio.plugin.SimpleApi} and declare Spring {@code @GetMapping},
 *       {@code @PostMapping}, ... methods, mounted under {@code /plugin-io/api/<plugin>}, that return
 *       a list of {@link io.pluginio.plugin.Effect effects} such as {@link
 *       io.pluginio.plugin.Broadcast} and {@link io.pluginio.plugin.JSONResponse};
 *   <li>inject the {@link io.pluginio.plugin.Broadcaster} to broadcast from anywhere.
 * </ul>
 *
 * <p>Nullability: nothing in this package returns or accepts {@code null} unless it says so;
 * absent values are {@link java.util.Optional}.
 */
@NullMarked
package io.pluginio.plugin;

import org.jspecify.annotations.NullMarked;
