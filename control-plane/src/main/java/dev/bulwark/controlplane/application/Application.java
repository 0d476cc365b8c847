package dev.bulwark.controlplane.application;

import java.time.Instant;
import java.util.UUID;

/** A developer's client program; subscriptions and keys belong to it. */
public record Application(UUID id, UUID developerId, String name, String description, Instant createdAt) {
}
