package io.pluginio.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Session-token cookies as the Canvas main app mints them, signed with the tests' HMAC secret. */
final class SessionTokens {

    static final String HMAC_SECRET = "simpleapi-tests-session-secret-0123456789";

    static final String COOKIE = "Cookie";

    private SessionTokens() {}

    /** The {@code Cookie} header value of a session of user {@code id} of {@code type}. */
    static String cookie(String type, String id) {
        return cookie(type, id, HMAC_SECRET, Duration.ofHours(1));
    }

    static String cookie(String type, String id, String secret, Duration validFor) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(id)
                .claim("user_type", type)
                .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                .expirationTime(Date.from(Instant.now().plus(validFor)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return "plugin-io-session-token=" + jwt.serialize();
    }
}
