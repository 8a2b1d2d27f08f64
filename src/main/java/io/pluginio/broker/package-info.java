/** The broker seam: assigns each broadcast its position, keeps bounded history, and fans publications out to the replicas subscribed to a channel. */
@NullMarked
package io.pluginio.broker;

import org.jspecify.annotations.NullMarked;
