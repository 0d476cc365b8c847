package dev.bulwark.contracts.sync;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Changes to one collection: entries added or replaced whole, and ids removed.
 *
 * @param upserts  entries to add or replace, by their id
 * @param removals ids to remove
 */
public record Changes<T>(List<T> upserts, List<String> removals) {

    public Changes {
        upserts = upserts == null ? List.of() : List.copyOf(upserts);
        removals = removals == null ? List.of() : List.copyOf(removals);
    }

    public static <T> Changes<T> none() {
        return new Changes<>(List.of(), List.of());
    }

    @JsonIgnore
    public boolean isEmpty() {
        return upserts.isEmpty() && removals.isEmpty();
    }

    public int size() {
        return upserts.size() + removals.size();
    }
}
