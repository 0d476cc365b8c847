package dev.bulwark.controlplane.plan;

import dev.bulwark.controlplane.kernel.LowerCaseEnumConverter;
import jakarta.inject.Singleton;

/** {@link Plan.Approval} as its column spelling ({@code auto}, {@code manual}). */
@Singleton
class ApprovalConverter extends LowerCaseEnumConverter<Plan.Approval> {
    ApprovalConverter() {
        super(Plan.Approval.class);
    }
}
