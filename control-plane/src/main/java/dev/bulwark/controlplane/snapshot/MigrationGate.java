package dev.bulwark.controlplane.snapshot;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Refuses publishing while this build's migrations are not all applied: a snapshot compiled
 * against a half-migrated schema could drop configuration. Once the schema is seen complete it
 * stays complete for the life of the process (migrations only ever get added by a newer build).
 * <p>Hand SQL: reads Flyway's schema history, which no repository owns.
 */
@Singleton
class MigrationGate {
    private final DataSource dataSource;
    private volatile boolean complete;

    MigrationGate(DataSource dataSource, @Nullable DataSourceResolver resolver) {
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
    }

    /** Number of migrations of this build not applied yet; 0 when publishing may go ahead. */
    int pending() {
        if (complete) {
            return 0;
        }
        int pending = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load()
                .info().pending().length;
        complete = pending == 0;
        return pending;
    }
}
