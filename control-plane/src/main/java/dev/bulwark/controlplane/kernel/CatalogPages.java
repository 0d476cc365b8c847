package dev.bulwark.controlplane.kernel;

import jakarta.inject.Singleton;

/**
 * Seals and opens the catalog's list cursors with web.Cursors. The scope names the list and the
 * tenant (and parent, e.g. the API of a plan list), so a cursor works only where it was issued.
 */
@Singleton
public class CatalogPages {
    private final Cursors cursors;

    public CatalogPages(Cursors cursors) {
        this.cursors = cursors;
    }

    public static String scope(String list, TenantId tenant, Object... parents) {
        StringBuilder scope = new StringBuilder(list).append(':').append(tenant);
        for (Object parent : parents) {
            scope.append(':').append(parent);
        }
        return scope.toString();
    }

    public KeysetCursor open(String scope, Integer limit, String cursor) {
        return KeysetCursor.of(limit, cursors.decode(scope, cursor).orElse(null));
    }

    public <T> Page<T> seal(String scope, Page<T> page) {
        return page.nextCursor() == null ? page : new Page<>(page.items(), cursors.encode(scope, page.nextCursor()));
    }
}
