/** Log output settings: structured (JSON) logs that never carry an {@code api_key}. */
@NullMarked
package io.pluginio.logging;

import org.jspecify.annotations.NullMarked;
