package dev.bulwark.dataplane.snapshot;

import dev.bulwark.contracts.net.Cidr;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.snapshot.SnapshotRules;
import dev.bulwark.dataplane.upstream.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a snapshot before anything is built from it: the shared {@link SnapshotRules} (the same
 * the control plane checks before publishing, route ownership between tenants included), plus what
 * only the gateway can judge: its own parser must accept every upstream URL. Each problem names the
 * JSON path of the offending field.
 */
final class SnapshotValidator {
    static final Set<String> METHODS = SnapshotRules.METHODS;

    private SnapshotValidator() {
    }

    static List<String> validate(Snapshot snapshot) {
        List<String> problems = new ArrayList<>(SnapshotRules.problems(snapshot));
        for (int i = 0; i < snapshot.apis().size(); i++) {
            ApiEntry api = snapshot.apis().get(i);
            for (int u = 0; u < api.upstreams().size(); u++) {
                String url = api.upstreams().get(u);
                try {
                    Origin.parse(url);
                } catch (IllegalArgumentException e) {
                    problems.add("apis[" + i + "].upstreams[" + u + "]: " + e.getMessage());
                }
            }
            for (int c = 0; c < api.privateCidrs().size(); c++) {
                try {
                    Cidr.parse(api.privateCidrs().get(c));
                } catch (IllegalArgumentException e) {
                    problems.add("apis[" + i + "].allowedPrivateCidrs[" + c + "]: " + e.getMessage());
                }
            }
        }
        return problems;
    }
}
