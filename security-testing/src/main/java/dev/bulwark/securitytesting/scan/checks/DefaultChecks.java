package dev.bulwark.securitytesting.scan.checks;

import dev.bulwark.securitytesting.scan.model.RecordedAttack;
import dev.bulwark.securitytesting.scan.model.ScanCheck;
import java.util.ArrayList;
import java.util.List;

/** Every check, in the order a scan runs them (the rate-limit burst last). */
public final class DefaultChecks {
    private DefaultChecks() {
    }

    public static List<ScanCheck> all() {
        return List.of(new TransportSecurityCheck(), new SecurityHeadersCheck(), new CorsCheck(), new UnsafeMethodCheck(),
                new CredentialCheck(CredentialCheck.Variant.MISSING), new CredentialCheck(CredentialCheck.Variant.INVALID),
                new CredentialCheck(CredentialCheck.Variant.EXPIRED), new CredentialCheck(CredentialCheck.Variant.REVOKED),
                new JwtAlgNoneCheck(), new JwtWeakSecretCheck(), new ObjectLevelAuthorizationCheck(),
                new FunctionLevelAuthorizationCheck(), new DataExposureCheck(), new MassAssignmentCheck(),
                new InjectionCheck(), new VerboseErrorCheck(), new SsrfCheck(), new RateLimitCheck());
    }

    /** Every check, with the replay of blocked attacks before the rate-limit burst (which may trip a limit). */
    public static List<ScanCheck> with(List<RecordedAttack> blockedAttacks) {
        List<ScanCheck> checks = new ArrayList<>(all());
        if (!blockedAttacks.isEmpty()) {
            checks.add(checks.size() - 1, new BlockedAttackRegressionCheck(blockedAttacks));
        }
        return checks;
    }
}
