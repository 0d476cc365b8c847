package dev.bulwark.controlplane;

import io.micronaut.runtime.Micronaut;

/** The control plane: the only writer of configuration, compiling it into snapshots for data planes. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).mainClass(Application.class).start();
    }
}
