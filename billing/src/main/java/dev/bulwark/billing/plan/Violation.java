package dev.bulwark.billing.plan;

/** One broken rule in a plan, at a path such as {@code meters[0].overage.tiers[2].upTo}. */
public record Violation(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
