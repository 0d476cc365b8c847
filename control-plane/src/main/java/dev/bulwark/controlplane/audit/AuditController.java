package dev.bulwark.controlplane.audit;

import dev.bulwark.controlplane.kernel.Cursors;
import dev.bulwark.controlplane.kernel.Limits;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

@Controller("/api/v1/audit-events")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditController {
    private final AuditLog log;
    private final AuditVerifier verifier;
    private final Cursors cursors;

    public AuditController(AuditLog log, AuditVerifier verifier, Cursors cursors) {
        this.log = log;
        this.verifier = verifier;
        this.cursors = cursors;
    }

    @Get
    @RequiresRole(Role.ADMIN)
    public Page<AuditEvent> listAuditEvents(Principal principal,
                                 @QueryValue @Nullable String action, @QueryValue @Nullable String resourceType,
                                 @QueryValue @Nullable String resourceId, @QueryValue @Nullable String actor,
                                 @QueryValue @Nullable String from, @QueryValue @Nullable String to,
                                 @QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor) {
        int size = Limits.parse(limit);
        String scope = "audit:" + principal.tenantId();
        Long before = cursors.decode(scope, cursor).map(AuditController::seq).orElse(null);
        AuditLog.Filter filter = new AuditLog.Filter(action, resourceType, resourceId, actor, instant("from", from), instant("to", to));
        List<AuditEvent> rows = log.page(principal.tenantId(), filter, before, size + 1);
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            next = cursors.encode(scope, Long.toString(rows.get(size - 1).seq()));
        }
        return new Page<>(rows, next);
    }

    @Get("/verification")
    @RequiresRole(Role.ADMIN)
    public AuditVerifier.Verification verify(Principal principal) {
        return verifier.verify(principal.tenantId());
    }

    private static long seq(String position) {
        try {
            return Long.parseLong(position);
        } catch (NumberFormatException e) {
            throw Cursors.invalid();
        }
    }

    private static Instant instant(String field, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }
}
