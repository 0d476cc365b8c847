package dev.bulwark.controlplane;

import io.micronaut.runtime.Micronaut;

/** The control plane: the only writer of configuration, compiling it into snapshots for data planes. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        // Before any JDK HTTP client class loads: scans of APIs routed by host name send their Host.
        dev.bulwark.securitytesting.scan.model.Probe.allowHostHeader();
        Micronaut.build(args).banner(false).mainClass(Application.class).start();
    }
}
