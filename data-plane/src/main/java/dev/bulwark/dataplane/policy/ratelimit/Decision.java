package dev.bulwark.dataplane.policy.ratelimit;

/**
 * The outcome of one rate-limit check.
 *
 * @param resetMillis time until the current window closes
 */
public record Decision(boolean admitted, long limit, long remaining, long resetMillis) {
}
