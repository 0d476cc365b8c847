package dev.bulwark.controlplane.dataplane;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.contracts.sync.BreakerStatus;
import dev.bulwark.contracts.sync.SyncLimits;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.UUID;

/**
 * The {@code data_plane} table: what each data plane reported last, shared by every control-plane replica.
 * A platform table ({@link DataPlaneRepository}).
 */
@Singleton
public class DataPlaneRegistry {
    private static final int MAX_ERROR = 1000;
    private static final int MAX_URL = 300;

    private static final TypeReference<List<BreakerStatus>> BREAKERS = new TypeReference<>() { };

    private final DataPlaneRepository planes;
    private final ObjectMapper json;

    DataPlaneRegistry(DataPlaneRepository planes, ObjectMapper json) {
        this.planes = planes;
        this.json = json;
    }

    /** @param publicUrl the URL the data plane says callers reach it at; kept only when it is a plain http(s) URL */
    @Transactional
    public void connected(String id, String environment, UUID credentialId, String softwareVersion, long appliedVersion, String appliedHash,
                          String publicUrl) {
        planes.connected(id, environment, credentialId, softwareVersion, appliedVersion, appliedHash, plainUrl(publicUrl));
    }

    /** Shown in the console and copied into curl commands: an http(s) URL without query, fragment or credentials, or nothing. */
    static String plainUrl(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_URL) {
            return null;
        }
        try {
            URI uri = new URI(text);
            boolean plain = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null
                    && text.chars().noneMatch(c -> c <= ' ' || c == '\'' || c == '"' || c == '`' || c == '\\');
            return plain ? text : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    @Transactional
    public void applied(String id, long version, String hash) {
        planes.applied(id, version, hash);
    }

    @Transactional
    public void refused(String id, long version, String reason) {
        String error = "version " + version + " refused: " + reason;
        planes.refused(id, error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error);
    }

    /** A heartbeat, with the breakers the data plane reports as not closed (at most {@link BreakerStatus#MAX_REPORTED} kept). */
    @Transactional
    public void seen(String id, List<BreakerStatus> breakers) {
        List<BreakerStatus> kept = breakers.size() > BreakerStatus.MAX_REPORTED ? breakers.subList(0, BreakerStatus.MAX_REPORTED) : breakers;
        try {
            planes.seen(id, json.writeValueAsString(kept));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the breakers of data plane " + id, e);
        }
    }

    @Transactional
    public void disconnected(String id) {
        planes.disconnected(id);
    }

    /**
     * Every data plane, with the breakers of one tenant only: a data plane serves every tenant of its
     * environment, but which APIs of another tenant fail, and where they point, is that tenant's business.
     */
    @Transactional(readOnly = true)
    public List<DataPlaneView> list(TenantId viewer) {
        String tenant = viewer.toString();
        return planes.list(SyncLimits.SILENCE_TIMEOUT.toSeconds()).stream()
                .map(row -> new DataPlaneView(row.id(), row.environment(), row.softwareVersion(), row.appliedVersion(),
                        row.appliedHash(), row.appliedAt(), row.lastSeenAt(), row.publishedVersion(),
                        Math.max(0, row.publishedVersion() - row.appliedVersion()), row.connected(), row.lastError(), row.publicUrl(),
                        breakers(row.breakers()).stream().filter(b -> tenant.equals(b.tenantId()))
                                .map(b -> new BreakerView(b.apiId(), b.origin(), b.state(), b.since())).toList()))
                .toList();
    }

    /**
     * Where callers reach each environment's gateways (they serve every tenant): the URL a connected
     * gateway advertised first, the most recently heard one among several.
     */
    @Transactional(readOnly = true)
    public java.util.Map<String, String> publicUrls() {
        java.util.Map<String, String> urls = new java.util.HashMap<>();
        planes.list(SyncLimits.SILENCE_TIMEOUT.toSeconds()).stream()
                .filter(row -> row.publicUrl() != null)
                .sorted(java.util.Comparator.comparing((DataPlaneRepository.Listed row) -> !row.connected())
                        .thenComparing(DataPlaneRepository.Listed::lastSeenAt, java.util.Comparator.reverseOrder()))
                .forEach(row -> urls.putIfAbsent(row.environment(), row.publicUrl()));
        return urls;
    }

    private List<BreakerStatus> breakers(String stored) {
        try {
            return json.readValue(stored, BREAKERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable breakers column", e);
        }
    }
}
