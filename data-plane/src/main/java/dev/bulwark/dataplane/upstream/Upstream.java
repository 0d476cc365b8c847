package dev.bulwark.dataplane.upstream;

/** One origin of an API with the breaker it shares with every API that uses the same origin. */
public record Upstream(Origin origin, CircuitBreaker breaker) {
}
