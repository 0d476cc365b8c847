package dev.bulwark.dataplane.contract;

/**
 * One way a request breaks its operation's contract: where, and why, in words made by the gateway
 * (never the offending value, which is attacker-chosen).
 *
 * @param location {@code path.id}, {@code query.limit}, {@code header.x-trace}, {@code cookie.session},
 *                 {@code body}, or {@code body/items/3/price} (a JSON pointer below the body)
 */
public record ContractViolation(String location, String reason) {
}
