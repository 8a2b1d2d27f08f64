/**
 * Tests of the packaged service: they run after {@code package}, in {@code verify}, with
 * maven-failsafe-plugin, and start the service's jar (and the Docker image's layout) as processes.
 */
@NullMarked
package io.pluginio.packaged;

import org.jspecify.annotations.NullMarked;
