package dev.bulwark.securitytesting.scan.checks;

import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import dev.bulwark.securitytesting.scan.model.CheckDescriptor;
import dev.bulwark.securitytesting.scan.model.Exchange;
import dev.bulwark.securitytesting.scan.model.ProbeRequest;
import dev.bulwark.securitytesting.scan.model.RecordedAttack;
import dev.bulwark.securitytesting.scan.model.ScanContext;
import java.util.List;
import java.util.Optional;

/**
 * Replays requests the gateway once blocked, as the primary identity. An attack that is no longer
 * refused (any status below 400) is a regression: the protection was removed or loosened. Writes
 * are replayed only on scans that allow them.
 */
final class BlockedAttackRegressionCheck extends BaseCheck {
    static final CheckDescriptor DESCRIPTOR = new CheckDescriptor("blocked-attack-regression",
            "A once-blocked attack is no longer refused", OwaspApiTop10.API8, Severity.HIGH, false,
            "Restore the threat-protection policy (or the exclusion that was widened), or fix the input handling "
                    + "so the attack is refused.");

    private final List<RecordedAttack> attacks;

    BlockedAttackRegressionCheck(List<RecordedAttack> attacks) {
        super(DESCRIPTOR);
        this.attacks = List.copyOf(attacks);
    }

    @Override
    public void run(ScanContext context) {
        for (RecordedAttack attack : attacks) {
            if (context.probe().stopped()) {
                return;
            }
            ProbeRequest replay = new ProbeRequest(attack.method(), attack.pathAndQuery(), context.target().primary(),
                    attack.headers(), attack.body());
            Optional<Exchange> answered = context.probe().send(replay);
            answered.filter(exchange -> exchange.status() < 400).ifPresent(exchange -> report(context,
                    attack.method() + " " + path(attack.pathAndQuery()), attack.id(), "The " + attack.family()
                            + " attack blocked before (" + attack.id() + ") was answered " + exchange.status() + ".",
                    exchange));
        }
    }

    private static String path(String pathAndQuery) {
        int query = pathAndQuery.indexOf('?');
        return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    }
}
