package io.pluginio.security;

import io.pluginio.plugin.LoggedInUser;
import io.pluginio.plugin.UserType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Resolves the session user from the signed session-token cookie: a JWT verified with the shared
 * HMAC secret or the JWKS keys, which must carry an unexpired {@code exp}, and whose id and type
 * claims map to a {@link LoggedInUser}. A token that fails any check gives no session user (the
 * request goes on anonymous and plugins deny it); the reason is logged at DEBUG, never the token.
 */
final class SessionTokenResolver {

    private static final Logger logger = LoggerFactory.getLogger(SessionTokenResolver.class);

    private final String cookieName;

    private final ReactiveJwtDecoder decoder;

    private final String idClaim;

    private final String typeClaim;

    SessionTokenResolver(String cookieName, ReactiveJwtDecoder decoder, String idClaim, String typeClaim) {
        this.cookieName = cookieName;
        this.decoder = decoder;
        this.idClaim = idClaim;
        this.typeClaim = typeClaim;
    }

    /** A resolver for the configured key source; empty when none is configured. */
    static Optional<SessionTokenResolver> of(SecurityProperties.SessionToken properties) {
        if (!properties.enabled()) {
            return Optional.empty();
        }
        NimbusReactiveJwtDecoder decoder = decoder(properties);
        decoder.setJwtValidator(validator(properties));
        return Optional.of(new SessionTokenResolver(
                properties.cookieName(), decoder, properties.idClaim(), properties.typeClaim()));
    }

    private static NimbusReactiveJwtDecoder decoder(SecurityProperties.SessionToken properties) {
        String hmacSecret = properties.hmacSecret();
        if (hmacSecret != null) {
            SecretKeySpec key = new SecretKeySpec(hmacSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
            return NimbusReactiveJwtDecoder.withSecretKey(key)
                    .macAlgorithm(MacAlgorithm.HS256)
                    .build();
        }
        List<SignatureAlgorithm> algorithms = properties.jwsAlgorithms().stream()
                .map(name -> {
                    SignatureAlgorithm algorithm = SignatureAlgorithm.from(name);
                    if (algorithm == null) {
                        throw new IllegalArgumentException(
                                "plugin-io.security.session-token.jws-algorithms: unknown algorithm '" + name + "'");
                    }
                    return algorithm;
                })
                .toList();
        return NimbusReactiveJwtDecoder.withJwkSetUri(String.valueOf(properties.jwksUri()))
                .jwsAlgorithms(set -> set.addAll(algorithms))
                .build();
    }

    private static OAuth2TokenValidator<Jwt> validator(SecurityProperties.SessionToken properties) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        // A session token without an expiry would be valid forever.
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setAllowEmptyExpiryClaim(false);
        validators.add(timestamps);
        String issuer = properties.issuer();
        if (issuer != null) {
            validators.add(new JwtIssuerValidator(issuer));
        }
        String audience = properties.audience();
        if (audience != null) {
            validators.add(new JwtAudienceValidator(audience));
        }
        return JwtValidators.createDefaultWithValidators(validators);
    }

    /** The session user of {@code request}'s session-token cookie; empty without a valid one. */
    Mono<LoggedInUser> resolve(ServerHttpRequest request) {
        HttpCookie cookie = request.getCookies().getFirst(cookieName);
        if (cookie == null || cookie.getValue().isEmpty()) {
            return Mono.empty();
        }
        return decoder.decode(cookie.getValue())
                .flatMap(jwt -> Mono.justOrEmpty(toUser(jwt)))
                .onErrorResume(ex -> {
                    logRejection(ex);
                    return Mono.empty();
                });
    }

    private Optional<LoggedInUser> toUser(Jwt jwt) {
        String id = id(jwt.getClaims().get(idClaim));
        Object typeValue = jwt.getClaims().get(typeClaim);
        Optional<UserType> type = typeValue instanceof String label ? UserType.fromLabel(label) : Optional.empty();
        if (id == null || type.isEmpty()) {
            logger.debug(
                    "Ignoring the {} cookie: claim '{}' must be a non-empty id and claim '{}' Staff or Patient",
                    cookieName,
                    idClaim,
                    typeClaim);
            return Optional.empty();
        }
        return Optional.of(new LoggedInUser(id, type.get()));
    }

    private static @Nullable String id(@Nullable Object claim) {
        if (claim instanceof String text && !text.isBlank()) {
            return text;
        }
        return claim instanceof Number number ? number.toString() : null;
    }

    // Exception messages are not logged as they are: a parser's message could quote the token.
    private void logRejection(Throwable ex) {
        if (ex instanceof JwtValidationException invalid) {
            logger.debug(
                    "Ignoring the {} cookie: {}",
                    cookieName,
                    invalid.getErrors().stream()
                            .map(error -> String.valueOf(error.getDescription()))
                            .collect(Collectors.joining("; ")));
        } else if (ex instanceof BadJwtException) {
            logger.debug(
                    "Ignoring the {} cookie: bad signature, algorithm not allowed, or malformed ({})",
                    cookieName,
                    ex.getCause() == null
                            ? "no detail"
                            : ex.getCause().getClass().getSimpleName());
        } else {
            logger.warn(
                    "Could not verify the {} cookie, treating the request as anonymous: {} ({})",
                    cookieName,
                    ex.getClass().getSimpleName(),
                    ex.getCause() == null ? "no detail" : String.valueOf(ex.getCause()));
        }
    }
}
