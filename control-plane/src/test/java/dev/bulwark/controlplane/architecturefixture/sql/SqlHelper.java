package dev.bulwark.controlplane.architecturefixture.sql;

import dev.bulwark.controlplane.architecturefixture.web.WebFilter;

/** Breaks "sql imports only kernel and secret". */
public final class SqlHelper {
    private SqlHelper() {
    }

    public static Class<?> filter() {
        return WebFilter.class;
    }
}
