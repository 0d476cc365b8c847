package dev.bulwark.controlplane.identity.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Issues and checks session JWTs. Checking is strict on purpose: exactly three base64url parts
 * (Nimbus alone decodes leniently), {@code alg} must be ES256 (so {@code none} and HMAC
 * confusion are refused before any key is looked at), a known {@code kid}, a valid signature, our
 * issuer and audience, an unexpired {@code exp}, and every claim present with the right type.
 */
@Singleton
public class SessionTokens {
    private static final Pattern COMPACT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final int MAX_TOKEN_LENGTH = 4096;
    private static final long CLOCK_SKEW_SECONDS = 30;

    private final SigningKeys keys;
    private final TokenSettings settings;
    private final Issuer issuer;
    private final Clock clock = Clock.systemUTC();

    public SessionTokens(SigningKeys keys, TokenSettings settings, Issuer issuer) {
        this.issuer = issuer;
        this.keys = keys;
        this.settings = settings;
    }

    public IssuedToken issue(UUID userId, TenantId tenant, Role role, String email) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(settings.ttl());
        UUID jti = UUID.randomUUID();
        ECKey key = keys.current();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer.value())
                .audience(TokenSettings.AUDIENCE)
                .subject(userId.toString())
                .claim("tid", tenant.toString())
                .claim("role", role.name().toLowerCase(Locale.ROOT))
                .claim("email", email)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(jti.toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a session token", e);
        }
        return new IssuedToken(jwt.serialize(), jti, expires);
    }

    /** The token's claims when it is authentic and current; empty for anything else, with no detail for the caller. */
    public Optional<TokenClaims> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH || !COMPACT.matcher(token).matches()) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader header = jwt.getHeader();
            if (!JWSAlgorithm.ES256.equals(header.getAlgorithm()) || header.getKeyID() == null
                    || header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
                return Optional.empty();
            }
            Optional<ECKey> key = keys.verifying(header.getKeyID());
            if (key.isEmpty() || !jwt.verify(new ECDSAVerifier(key.get().toECPublicKey()))) {
                return Optional.empty();
            }
            return claims(jwt.getJWTClaimsSet());
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<TokenClaims> claims(JWTClaimsSet claims) throws ParseException {
        Instant now = clock.instant();
        List<String> audience = claims.getAudience();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (!issuer.value().equals(claims.getIssuer()) || audience == null || !audience.equals(List.of(TokenSettings.AUDIENCE))
                || exp == null || iat == null || claims.getJWTID() == null || claims.getSubject() == null
                || !exp.toInstant().isAfter(now.minusSeconds(CLOCK_SKEW_SECONDS))
                || iat.toInstant().isAfter(now.plusSeconds(CLOCK_SKEW_SECONDS))
                || claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now.plusSeconds(CLOCK_SKEW_SECONDS))) {
            return Optional.empty();
        }
        String tid = claims.getStringClaim("tid");
        String role = claims.getStringClaim("role");
        String email = claims.getStringClaim("email");
        if (tid == null || role == null || email == null) {
            return Optional.empty();
        }
        return Optional.of(new TokenClaims(UUID.fromString(claims.getSubject()), TenantId.of(tid),
                Role.valueOf(role.toUpperCase(Locale.ROOT)), email, UUID.fromString(claims.getJWTID()), exp.toInstant()));
    }

    public record IssuedToken(String token, UUID jti, Instant expiresAt) {
    }

    public record TokenClaims(UUID userId, TenantId tenantId, Role role, String email, UUID jti, Instant expiresAt) {
    }
}
