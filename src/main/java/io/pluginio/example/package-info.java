/**
 * The example plugin {@code notifications_demo}, mirroring the original SDK documentation: a
 * WebSocket handler for Staff sessions and API-key clients, and a webhook callback that broadcasts
 * its JSON body to channel {@code notifications}.
 */
@NullMarked
package io.pluginio.example;

import org.jspecify.annotations.NullMarked;
