package dev.bulwark.controlplane.member;

import dev.bulwark.controlplane.kernel.ETags;
import dev.bulwark.controlplane.kernel.Limits;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

@Controller("/api/v1/members")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MemberController {
    private final MemberService members;

    public MemberController(MemberService members) {
        this.members = members;
    }

    @Introspected
    public record RoleChange(@NotNull Role role) {
    }

    @Get
    @RequiresRole(Role.VIEWER)
    public Page<Member> listMembers(Principal principal, @QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor) {
        return members.list(principal, Limits.parse(limit), cursor);
    }

    @Get("/{userId}")
    @RequiresRole(Role.VIEWER)
    public HttpResponse<Member> getMember(Principal principal, UUID userId) {
        Member member = members.get(principal, userId);
        return ETags.tag(HttpResponse.ok(member), member.version());
    }

    @Patch("/{userId}")
    @RequiresRole(Role.ADMIN)
    public HttpResponse<Member> changeRole(Principal principal, HttpRequest<?> request, UUID userId, @Valid @Body RoleChange change) {
        Member member = members.changeRole(principal, userId, change.role(), ETags.requiredVersion(request));
        return ETags.tag(HttpResponse.ok(member), member.version());
    }

    @Delete("/{userId}")
    @RequiresRole(Role.ADMIN)
    public HttpResponse<Void> remove(Principal principal, UUID userId) {
        members.remove(principal, userId);
        return HttpResponse.noContent();
    }
}
