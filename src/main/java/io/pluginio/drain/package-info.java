/**
 * Graceful drain on shutdown: readiness down, no new WebSocket connections, then the open ones closed
 * with 1001 in paced batches, before Spring's graceful shutdown finishes in-flight HTTP requests.
 */
@NullMarked
package io.pluginio.drain;

import org.jspecify.annotations.NullMarked;
