package dev.bulwark.dataplane.sync;

import java.net.URI;
import java.nio.file.Path;

/**
 * How the gateway reaches its control plane and keeps its last-known-good snapshot.
 *
 * @param controlPlaneUrl ws:// or wss:// URL of the control plane (path /sync/v1 added when absent); null: no sync
 * @param credential      data-plane credential, a secret: never logged
 * @param lkgFile         where the encrypted last-known-good snapshot is kept
 * @param lkgKey          AES-256 key of that file, a secret; null disables last-known-good
 * @param tls             trust (and optional client certificate) for a wss:// control plane
 */
public record SyncSettings(URI controlPlaneUrl, String credential, Path lkgFile, byte[] lkgKey, SyncTls tls) {

    public SyncSettings(URI controlPlaneUrl, String credential, Path lkgFile, byte[] lkgKey) {
        this(controlPlaneUrl, credential, lkgFile, lkgKey, SyncTls.DEFAULT);
    }

    public SyncSettings {
        tls = tls == null ? SyncTls.DEFAULT : tls;
        lkgKey = lkgKey == null ? null : lkgKey.clone();
        if (controlPlaneUrl != null && (credential == null || credential.isBlank())) {
            throw new IllegalArgumentException("a credential is required with a control-plane URL");
        }
    }

    public static SyncSettings disabled(Path lkgFile) {
        return new SyncSettings(null, null, lkgFile, null);
    }

    public boolean enabled() {
        return controlPlaneUrl != null;
    }

    public boolean lastKnownGoodEnabled() {
        return lkgKey != null;
    }

    @Override
    public byte[] lkgKey() {
        return lkgKey == null ? null : lkgKey.clone();
    }

    @Override
    public String toString() {
        // Credential and key are secrets: say whether they are set, never what they are.
        return "SyncSettings[controlPlaneUrl=" + controlPlaneUrl + ", credential=" + (credential == null ? "unset" : "***")
                + ", lkgFile=" + lkgFile + ", lkgKey=" + (lkgKey == null ? "unset" : "***") + ", tls=" + tls + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SyncSettings that && java.util.Objects.equals(controlPlaneUrl, that.controlPlaneUrl)
                && java.util.Objects.equals(credential, that.credential) && java.util.Objects.equals(lkgFile, that.lkgFile)
                && java.util.Arrays.equals(lkgKey, that.lkgKey) && tls.equals(that.tls);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(controlPlaneUrl, lkgFile);
    }
}
