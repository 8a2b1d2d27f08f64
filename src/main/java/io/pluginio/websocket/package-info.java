/** The WebSocket endpoint {@code /plugin-io/ws/<plugin>/<channel>/}: handshake, authentication by the plugin, frames, close codes. */
@NullMarked
package io.pluginio.websocket;

import org.jspecify.annotations.NullMarked;
