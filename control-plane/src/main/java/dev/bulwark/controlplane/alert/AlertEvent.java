package dev.bulwark.controlplane.alert;

import dev.bulwark.controlplane.incident.IncidentView;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * What an alert says, the body of a webhook delivery and the source of the Slack and SIEM formats.
 * Fixed when the alert is raised (stored with the delivery), so that retries send the same document.
 *
 * @param type       {@code incident.opened}, {@code incident.reopened}, {@code security-event} or {@code test}
 * @param severity   the incident's severity ({@code low} for a test; a security event's, see {@link ForwardedEvent#severity})
 * @param detector   the detector that fired ({@code test} for a test; the event's type for a security event)
 * @param summary    one line a person reads first; never a secret
 * @param incident   the incident as the API shows it; null for a test
 * @param link       the incident in the portal, when the public URL is configured
 * @param event      the forwarded security event ({@code security-event} only)
 */
public record AlertEvent(String type, Instant occurredAt, String severity, String detector, String summary,
                         @Nullable IncidentView incident, @Nullable String link, @Nullable ForwardedEvent event) {
}
