/** Detects {@code @Plugin} beans at start-up, validates them, and holds each plugin's WebSocket handlers and secrets. */
@NullMarked
package io.pluginio.registry;

import org.jspecify.annotations.NullMarked;
