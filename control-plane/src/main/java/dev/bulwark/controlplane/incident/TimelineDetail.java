package dev.bulwark.controlplane.incident;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The {@code detail} column of a timeline entry: a detection's evidence, or a person's note. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineDetail(Evidence evidence, String note) {
}
