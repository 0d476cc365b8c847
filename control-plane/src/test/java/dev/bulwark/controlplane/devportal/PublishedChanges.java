package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.snapshot.ConfigurationChanged;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts publish requests, to prove portal writes ask for a snapshot like console writes do. */
@Singleton
@Requires(property = "spec.name", value = "DeveloperAppsHttpTest")
class PublishedChanges implements ApplicationEventListener<ConfigurationChanged> {
    final AtomicInteger count = new AtomicInteger();

    @Override
    public void onApplicationEvent(ConfigurationChanged event) {
        count.incrementAndGet();
    }
}
