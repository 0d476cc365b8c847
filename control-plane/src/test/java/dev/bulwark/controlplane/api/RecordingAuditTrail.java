package dev.bulwark.controlplane.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.identity.Principal;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * TEMPORARY test stand-in for the identity helper's AuditTrail (not on main yet): records entries
 * in memory, serialising before/after to JSON exactly when recorded, as the real trail stores
 * them, so tests can search the stored text for secrets. Remove once the real trail is merged.
 */
@Singleton
@Replaces(AuditTrail.class)
public class RecordingAuditTrail implements AuditTrail {
    public record Entry(Principal actor, String action, String resourceType, String resourceId, String before, String after) {
    }

    private final ObjectMapper mapper;
    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    public RecordingAuditTrail(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void record(Principal actor, String action, String resourceType, String resourceId, Object before, Object after) {
        entries.add(new Entry(actor, action, resourceType, resourceId, json(before), json(after)));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public List<Entry> forResource(String resourceId) {
        return entries.stream().filter(e -> resourceId.equals(e.resourceId())).toList();
    }

    private String json(Object value) {
        try {
            return value == null ? null : mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
