package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.api.OpenApiImporter;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import io.swagger.v3.oas.models.OpenAPI;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the portal shows from an API's OpenAPI document beyond the stored operations: the
 * description and each operation's summary. Parsing is costly, so results are cached per API
 * version (any change to the API bumps it), in a small LRU.
 */
@Singleton
public class DocumentNotes {
    private static final int CAPACITY = 256;

    public record Notes(String description, Map<String, String> summaries) {
        static final Notes NONE = new Notes(null, Map.of());
    }

    private final OpenApiImporter importer;
    private final Map<String, Notes> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Notes> eldest) {
            return size() > CAPACITY;
        }
    };

    public DocumentNotes(OpenApiImporter importer) {
        this.importer = importer;
    }

    public Notes of(UUID apiId, long version, Supplier<String> document) {
        String key = apiId + "@" + version;
        synchronized (cache) {
            Notes cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Notes notes = parse(document.get());
        synchronized (cache) {
            cache.put(key, notes);
        }
        return notes;
    }

    private Notes parse(String text) {
        if (text == null || text.isBlank()) {
            return Notes.NONE;
        }
        try {
            var imported = importer.parse(text);
            OpenAPI openApi = imported.document().openApi();
            String description = openApi.getInfo() == null ? null : blankToNull(openApi.getInfo().getDescription());
            Map<String, String> summaries = new HashMap<>();
            for (ApiOperation operation : imported.document().operations()) {
                String id = operation.operation().getOperationId();
                String key = id == null || id.isBlank() ? operation.method().name().toUpperCase(Locale.ROOT) + " " + operation.path() : id;
                String summary = blankToNull(operation.operation().getSummary());
                if (summary != null) {
                    summaries.put(key, summary);
                }
            }
            return new Notes(description, Map.copyOf(summaries));
        } catch (RuntimeException e) {
            // Stored documents were validated on upload; a parser change must not break the catalog.
            return Notes.NONE;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
