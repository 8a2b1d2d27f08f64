package io.pluginio.plugin;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * {@code Authorization: Basic base64(username:password)}: the scheme matches ignoring case and the
 * decoded text is split at its first colon. Fails with "Request has no Authorization header", with
 * "Authorization header has no recognized authentication scheme", or, for bad base64, bad UTF-8, no
 * colon, an empty username or an empty password, with "Provided credentials are incorrectly
 * formatted".
 */
public final class BasicCredentials extends Credentials {

    private final String username;

    private final String password;

    public BasicCredentials(ServerHttpRequest request, Secrets secrets) {
        super(request, secrets);
        String decoded = decode(AuthorizationHeader.parameter(headers(), "Basic"));
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1) {
            throw new AuthenticationException.InvalidFormat();
        }
        this.username = decoded.substring(0, colon);
        this.password = decoded.substring(colon + 1);
    }

    private static String decode(String encoded) {
        try {
            byte[] bytes = Base64.getDecoder().decode(encoded.strip());
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException ex) {
            throw new AuthenticationException.InvalidFormat();
        }
    }

    /** The user name, never empty. */
    public String username() {
        return username;
    }

    /** The password, never empty. */
    public String password() {
        return password;
    }
}
