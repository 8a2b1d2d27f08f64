package io.pluginio.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.UnaryOperator;

/** Session tokens for tests, as the Canvas main app would mint them. */
final class Tokens {

    /** The HS256 secret the HMAC tests configure. */
    static final String HMAC_SECRET = "test-session-token-secret-0123456789abcdef";

    private Tokens() {}

    /** Claims of a valid token for user {@code id} of {@code type}, expiring in an hour. */
    static JWTClaimsSet.Builder claims(String id, String type) {
        return new JWTClaimsSet.Builder()
                .subject(id)
                .claim("user_type", type)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))));
    }

    static String hs256(String id, String type) {
        return hs256(HMAC_SECRET, claims(id, type).build());
    }

    static String hs256(UnaryOperator<JWTClaimsSet.Builder> customizer) {
        return hs256(HMAC_SECRET, customizer.apply(claims("staff-7", "Staff")).build());
    }

    static String hs256(String secret, JWTClaimsSet claims) {
        return sign(new JWSHeader(JWSAlgorithm.HS256), claims, macSigner(secret));
    }

    static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }

    private static JWSSigner macSigner(String secret) {
        try {
            return new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
