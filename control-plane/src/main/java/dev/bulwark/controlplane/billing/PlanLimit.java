package dev.bulwark.controlplane.billing;

import com.fasterxml.jackson.annotation.JsonValue;

/** The counted limits of a billing plan, by the name problem details and the portal use. */
public enum PlanLimit {
    APIS("apis"),
    DATA_PLANES("dataPlanes"),
    MEMBERS("members"),
    SCAN_RUNS("scanRuns");

    private final String field;

    PlanLimit(String field) {
        this.field = field;
    }

    @JsonValue
    public String field() {
        return field;
    }
}
