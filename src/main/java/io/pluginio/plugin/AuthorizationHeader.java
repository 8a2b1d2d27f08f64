package io.pluginio.plugin;

import java.util.Locale;

/** Splits an {@code Authorization} header into scheme and parameter, as the SDK does. */
final class AuthorizationHeader {

    private AuthorizationHeader() {}

    /**
     * The part after {@code "<scheme> "} where the scheme matches ignoring case.
     *
     * @throws AuthenticationException.NoAuthorizationHeader if the header is absent or empty
     * @throws AuthenticationException.UnrecognizedScheme if it has no space or another scheme
     */
    static String parameter(Headers headers, String scheme) {
        String value = headers.first("Authorization").orElse("");
        if (value.isEmpty()) {
            throw new AuthenticationException.NoAuthorizationHeader();
        }
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals(scheme.toLowerCase(Locale.ROOT))) {
            throw new AuthenticationException.UnrecognizedScheme();
        }
        return value.substring(space + 1);
    }
}
