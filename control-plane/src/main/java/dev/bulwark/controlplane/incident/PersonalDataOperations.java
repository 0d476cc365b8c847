package dev.bulwark.controlplane.incident;

import dev.bulwark.controlplane.api.Api;
import dev.bulwark.controlplane.api.ApiRepository;
import dev.bulwark.controlplane.api.OpenApiImporter;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.securitytesting.threatmodel.ThreatModel;
import dev.bulwark.securitytesting.threatmodel.ThreatModeler;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations of an API that return personal data, as the threat model classifies the assets of
 * their success responses ({@link ThreatModel.DataClass#PERSONAL}), named by the gateway's operation
 * label (the operation key: its operationId, or method and path). The scraping detector counts only
 * these. Kept a minute per API, so a republished definition counts within a minute and a batch does
 * not parse a document per aggregate.
 */
@Singleton
class PersonalDataOperations {
    private static final Logger LOG = LoggerFactory.getLogger(PersonalDataOperations.class);
    private static final long TTL_NANOS = 60_000_000_000L;
    /** Distinct APIs remembered; beyond it the memory is cleared (a tenant cannot grow it with made-up ids: ids must exist). */
    private static final int MAX_ENTRIES = 10_000;

    private record Key(UUID tenantId, String apiId) {
    }

    private record Entry(Set<String> operations, long loadedAt) {
    }

    private final ApiRepository apis;
    private final OpenApiImporter importer;
    private final Map<Key, Entry> cache = new ConcurrentHashMap<>();

    PersonalDataOperations(ApiRepository apis, OpenApiImporter importer) {
        this.apis = apis;
        this.importer = importer;
    }

    Set<String> operations(UUID tenantId, String apiId) {
        Key key = new Key(tenantId, apiId);
        Entry entry = cache.get(key);
        long now = System.nanoTime();
        if (entry == null || now - entry.loadedAt() > TTL_NANOS) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            entry = new Entry(load(tenantId, apiId), now);
            cache.put(key, entry);
        }
        return entry.operations();
    }

    private Set<String> load(UUID tenantId, String apiId) {
        UUID id;
        try {
            id = UUID.fromString(apiId);
        } catch (IllegalArgumentException e) {
            return Set.of();
        }
        Optional<Api> api = apis.find(new TenantId(tenantId), id);
        if (api.isEmpty() || api.get().openapi() == null) {
            return Set.of();
        }
        try {
            OpenApiImporter.Imported imported = importer.parse(api.get().openapi());
            Set<String> readers = new HashSet<>();
            for (ThreatModel.Asset asset : ThreatModeler.model(imported.document()).assets()) {
                if (asset.classes().contains(ThreatModel.DataClass.PERSONAL)) {
                    readers.addAll(asset.readBy());
                }
            }
            Set<String> labels = new HashSet<>();
            for (OpenApiImporter.ImportedOperation operation : imported.operations()) {
                if (readers.contains(operation.method().toUpperCase(Locale.ROOT) + " " + operation.pathTemplate())) {
                    labels.add(operation.key());
                }
            }
            return Set.copyOf(labels);
        } catch (RuntimeException e) {
            LOG.warn("personal data classification of API {} failed: {}", apiId, e.getClass().getSimpleName());
            return Set.of();
        }
    }
}
