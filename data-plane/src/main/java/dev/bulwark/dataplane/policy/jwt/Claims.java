package dev.bulwark.dataplane.policy.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.bulwark.contracts.policy.JwtAuthConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/** Registered-claim checks for a verified token; pure, given the time. */
final class Claims {
    enum Verdict { OK, INVALID, EXPIRED }

    private Claims() {
    }

    static Verdict check(JWTClaimsSet claims, JwtAuthConfig config, Instant now) {
        return check(claims, config, now, true);
    }

    /**
     * The members of an active introspection answer. RFC 7662 makes {@code iss}, {@code aud} and
     * {@code exp} optional there: the authorization server vouches for the token to this client,
     * so each is checked when present, and a token without {@code exp} lives as long as it says active.
     */
    static Verdict checkIntrospected(JWTClaimsSet claims, JwtAuthConfig config, Instant now) {
        // An active refresh or ID token is no access token (Keycloak says so in "typ", RFC 7662 in "token_type").
        if (!isOneOf(claims.getClaim("typ"), "bearer") || !isOneOf(claims.getClaim("token_type"), "bearer", "access_token")) {
            return Verdict.INVALID;
        }
        return check(claims, config, now, false);
    }

    /** True when {@code claim} is absent or one of {@code accepted}, ignoring case. */
    private static boolean isOneOf(Object claim, String... accepted) {
        if (claim == null) {
            return true;
        }
        for (String value : accepted) {
            if (claim instanceof String text && text.equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }

    private static Verdict check(JWTClaimsSet claims, JwtAuthConfig config, Instant now, boolean selfContained) {
        long skew = config.clockSkewSeconds();
        String issuer = claims.getIssuer();
        if ((selfContained || issuer != null) && !config.issuer().equals(issuer)) {
            return Verdict.INVALID;
        }
        List<String> audiences = claims.getAudience();
        boolean noAudience = audiences == null || audiences.isEmpty();
        if ((selfContained || !noAudience) && (noAudience || audiences.stream().noneMatch(config.audiences()::contains))) {
            return Verdict.INVALID;
        }
        Date expiry = claims.getExpirationTime();
        if (expiry == null && selfContained) {
            // A token without expiry would be valid forever: refuse it.
            return Verdict.INVALID;
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().isAfter(now.plusSeconds(skew))) {
            return Verdict.INVALID;
        }
        Date issuedAt = claims.getIssueTime();
        if (issuedAt != null && issuedAt.toInstant().isAfter(now.plusSeconds(skew))) {
            return Verdict.INVALID;
        }
        return expiry == null || expiry.toInstant().plusSeconds(skew).isAfter(now) ? Verdict.OK : Verdict.EXPIRED;
    }

    /** Scopes from {@code scope} (space-separated) or {@code scp} (array or string). */
    static List<String> scopes(JWTClaimsSet claims) {
        List<String> scopes = new ArrayList<>();
        addAll(claims.getClaim("scope"), scopes);
        addAll(claims.getClaim("scp"), scopes);
        return scopes;
    }

    private static void addAll(Object claim, List<String> into) {
        if (claim instanceof String text) {
            for (String scope : text.split(" ")) {
                if (!scope.isEmpty() && !into.contains(scope)) {
                    into.add(scope);
                }
            }
        } else if (claim instanceof Collection<?> values) {
            for (Object value : values) {
                if (value instanceof String scope && !scope.isEmpty() && !into.contains(scope)) {
                    into.add(scope);
                }
            }
        }
    }

    static String applicationId(JWTClaimsSet claims) {
        Object azp = claims.getClaim("azp");
        if (azp instanceof String text && !text.isEmpty()) {
            return text;
        }
        Object clientId = claims.getClaim("client_id");
        return clientId instanceof String text && !text.isEmpty() ? text : null;
    }
}
