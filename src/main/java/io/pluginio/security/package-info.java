/** Spring Security: resolves the session user and the API key of each request and handshake before plugin code runs. */
@NullMarked
package io.pluginio.security;

import org.jspecify.annotations.NullMarked;
