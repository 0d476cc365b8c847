package dev.bulwark.dataplane.model;

/** The phases of the request chain, in the order DESIGN.md §2.4 gives them. */
public final class PolicyOrder {
    public static final int CORS = 50;
    public static final int IP_FILTER = 100;
    public static final int REQUEST_LIMITS = 200;
    public static final int AUTHENTICATION = 300;
    public static final int AUTHORIZATION = 400;
    public static final int RATE_LIMIT = 500;
    /** The tenant's own Bulwark plan allowance: after the caller's limits, so refused callers do not use it up. */
    public static final int PLAN_ALLOWANCE = 590;
    public static final int QUOTA = 600;
    public static final int VALIDATION = 700;
    public static final int THREAT_PROTECTION = 800;
    /** Last in the chain, so first on the response (response hooks run in reverse order): sees what the upstream sent. */
    public static final int RESPONSE_PROTECTION = 900;

    private PolicyOrder() {
    }
}
