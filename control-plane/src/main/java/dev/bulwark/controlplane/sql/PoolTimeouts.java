package dev.bulwark.controlplane.sql;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Bounds how long a request waits for a connection (without it, a request during a PostgreSQL
 * restart holds its thread for the pool's default 30 s before failing), how long one statement may
 * run, and how long a connection lives.
 */
@Singleton
public class PoolTimeouts implements BeanCreatedEventListener<DatasourceConfiguration> {
    private final DatabaseSettings settings;

    public PoolTimeouts(DatabaseSettings settings) {
        this.settings = settings;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        configuration.setConnectionTimeout(settings.acquireTimeout().toMillis());
        configuration.setMaxLifetime(settings.maxLifetime().toMillis());
        // Every pooled connection starts with the limit, so a runaway query cannot hold a connection (and
        // the request's thread) for ever; a value is interpolated from a typed Duration, never from text.
        configuration.setConnectionInitSql("SET statement_timeout = " + settings.statementTimeout().toMillis());
        return configuration;
    }
}
