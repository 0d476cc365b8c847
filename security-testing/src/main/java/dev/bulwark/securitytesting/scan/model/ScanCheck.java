package dev.bulwark.securitytesting.scan.model;

/** One active check. Checks only talk to the target through the context's probe. */
public interface ScanCheck {

    CheckDescriptor descriptor();

    void run(ScanContext context);
}
