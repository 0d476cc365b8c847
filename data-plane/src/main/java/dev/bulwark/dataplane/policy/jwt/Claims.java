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
        long skew = config.clockSkewSeconds();
        if (!config.issuer().equals(claims.getIssuer())) {
            return Verdict.INVALID;
        }
        List<String> audiences = claims.getAudience();
        if (audiences == null || audiences.stream().noneMatch(config.audiences()::contains)) {
            return Verdict.INVALID;
        }
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
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
        return expiry.toInstant().plusSeconds(skew).isAfter(now) ? Verdict.OK : Verdict.EXPIRED;
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
