package dev.bulwark.controlplane.member;

import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.kernel.Cursors;
import dev.bulwark.controlplane.kernel.ETags;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Listing members, changing their roles and removing them. Admins manage members; only an owner
 * may make or unmake an owner, and the last owner can never be demoted or removed.
 */
@Singleton
public class MemberService {
    private final Members members;
    private final Cursors cursors;
    private final AuditTrail audit;

    MemberService(Members members, Cursors cursors, AuditTrail audit) {
        this.members = members;
        this.cursors = cursors;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public Page<Member> list(Principal caller, int limit, @Nullable String cursor) {
        String scope = "members:" + caller.tenantId();
        Optional<Members.Position> after;
        try {
            after = cursors.decode(scope, cursor).map(Members.Position::decode);
        } catch (RuntimeException e) {
            if (e instanceof ProblemException p) {
                throw p;
            }
            throw Cursors.invalid();
        }
        List<Member> rows = members.page(caller.tenantId(), after, limit + 1);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            Member last = rows.get(limit - 1);
            next = cursors.encode(scope, new Members.Position(last.joinedAt(), last.userId()).encode());
        }
        return new Page<>(rows, next);
    }

    @Transactional(readOnly = true)
    public Member get(Principal caller, UUID userId) {
        return members.find(caller.tenantId(), userId).orElseThrow(() -> ProblemException.notFound("Member"));
    }

    @Transactional
    public Member changeRole(Principal caller, UUID userId, Role role, long expectedVersion) {
        long owners = members.lockOwners(caller.tenantId());
        Member current = members.findForUpdate(caller.tenantId(), userId).orElseThrow(() -> ProblemException.notFound("Member"));
        ETags.check(expectedVersion, current.version());
        if ((current.role() == Role.OWNER || role == Role.OWNER) && caller.role() != Role.OWNER) {
            throw ProblemException.forbidden("Only an owner may grant or revoke the owner role");
        }
        if (current.role() == Role.OWNER && role != Role.OWNER && owners <= 1) {
            throw lastOwner();
        }
        if (current.role() == role) {
            return current;
        }
        if (!members.updateRole(caller.tenantId(), userId, role, expectedVersion)) {
            throw ETags.stale();
        }
        audit.record(caller, "member.role_change", "member", userId.toString(), Map.of("role", current.role()), Map.of("role", role));
        return members.find(caller.tenantId(), userId).orElseThrow();
    }

    @Transactional
    public void remove(Principal caller, UUID userId) {
        long owners = members.lockOwners(caller.tenantId());
        Member current = members.findForUpdate(caller.tenantId(), userId).orElseThrow(() -> ProblemException.notFound("Member"));
        if (current.role() == Role.OWNER && caller.role() != Role.OWNER) {
            throw ProblemException.forbidden("Only an owner may remove an owner");
        }
        if (current.role() == Role.OWNER && owners <= 1) {
            throw lastOwner();
        }
        members.remove(caller.tenantId(), userId);
        audit.record(caller, "member.remove", "member", userId.toString(),
                Map.of("email", current.email(), "role", current.role()), null);
    }

    private static ProblemException lastOwner() {
        return ProblemException.conflict("LAST_OWNER", "A tenant must keep at least one owner");
    }
}
