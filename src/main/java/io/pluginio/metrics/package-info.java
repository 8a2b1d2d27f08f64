/**
 * Micrometer metrics of plugin-io ({@code /actuator/prometheus}). Tags are bounded: the plugin name
 * (installed plugins only), an outcome or a close code; never a channel name, a user id or a key.
 */
@NullMarked
package io.pluginio.metrics;

import org.jspecify.annotations.NullMarked;
