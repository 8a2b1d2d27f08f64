/** SimpleAPI: mounts plugin routes under {@code /plugin-io/api/<plugin>}, authenticates them, and carries out the effects they return. */
@NullMarked
package io.pluginio.web;

import org.jspecify.annotations.NullMarked;
