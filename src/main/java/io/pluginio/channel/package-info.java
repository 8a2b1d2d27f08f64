/** This replica's local channels: one {@code Sinks.Many} per channel with local connections, fed only by the broker. */
@NullMarked
package io.pluginio.channel;

import org.jspecify.annotations.NullMarked;
