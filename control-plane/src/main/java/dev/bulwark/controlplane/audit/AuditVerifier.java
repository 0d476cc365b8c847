package dev.bulwark.controlplane.audit;

import dev.bulwark.controlplane.kernel.TenantId;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/**
 * Recomputes a tenant's chain from the first event: each event must follow the previous one's
 * seq, carry its hash as {@code prev_hash}, and hash to its stored {@code hash}; the last must match
 * the chain head (so deleting the newest events is noticed too).
 */
@Singleton
public class AuditVerifier {
    private static final int BATCH = 500;

    private final AuditLog log;

    public AuditVerifier(AuditLog log) {
        this.log = log;
    }

    public record Verification(boolean valid, long checkedEvents, UUID firstBrokenEventId) {
    }

    public Verification verify(TenantId tenant) {
        AuditLog.Head head = log.head(tenant);
        long expectedSeq = 1;
        String prevHash = AuditHash.GENESIS;
        long checked = 0;
        while (true) {
            List<AuditEvent> batch = log.chain(tenant, expectedSeq - 1, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            for (AuditEvent event : batch) {
                boolean intact = event.seq() == expectedSeq && event.prevHash().equals(prevHash)
                        && AuditHash.of(tenant, event).equals(event.hash());
                if (!intact) {
                    return new Verification(false, checked, event.id());
                }
                checked++;
                expectedSeq++;
                prevHash = event.hash();
            }
        }
        boolean complete = checked == head.seq() && prevHash.equals(head.hash());
        return new Verification(complete, checked, null);
    }
}
