package dev.bulwark.controlplane.dataplane;

import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.secret.OpaqueTokens;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Issues, authenticates and revokes data-plane credentials: {@code bwdp_} followed by 256 random
 * bits in base64url. Only their SHA-256 is stored; with that much entropy a keyed or slow hash
 * would add nothing, and the lookup by digest is a single indexed read.
 * <p>Hand SQL for now: data_plane_credential is a platform table without a tenant; see docs/architecture.md,
 * "Data access".
 */
@Singleton
public class DataPlaneCredentials {
    static final String PREFIX = "bwdp_";
    private static final Pattern FORMAT = Pattern.compile("bwdp_[A-Za-z0-9_-]{43}");
    private static final int SHOWN_PREFIX = 12;

    /** Who a presented credential belongs to. */
    public record Holder(UUID credentialId, String environment, String name) {
    }

    private final DataSource dataSource;
    private final AuditTrail audit;

    DataPlaneCredentials(DataSource dataSource, AuditTrail audit) {
        this.dataSource = dataSource;
        this.audit = audit;
    }

    /** Issues a credential and records it in the issuer's audit trail, in one transaction. */
    @Transactional
    public IssuedCredential issue(String environment, String name, Principal issuer) {
        IssuedCredential issued = issue(environment, name, issuer.email());
        audit.record(issuer, "data-plane-credential.issue", "data-plane-credential", issued.id().toString(), null,
                Map.of("environment", environment, "name", name, "prefix", issued.prefix()));
        return issued;
    }

    /** Revokes a credential and records it in the revoker's audit trail, in one transaction. */
    @Transactional
    public boolean revoke(UUID id, Principal revoker) {
        boolean revoked = revoke(id);
        if (revoked) {
            audit.record(revoker, "data-plane-credential.revoke", "data-plane-credential", id.toString(), null, null);
        }
        return revoked;
    }

    @Transactional
    public IssuedCredential issue(String environment, String name, String issuedBy) {
        String credential = OpaqueTokens.issue(PREFIX);
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String prefix = credential.substring(0, SHOWN_PREFIX);
        try (PreparedStatement statement = connection().prepareStatement("INSERT INTO data_plane_credential "
                + "(id, environment, name, secret_hash, prefix, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            statement.setObject(1, id);
            statement.setString(2, environment);
            statement.setString(3, name);
            statement.setString(4, OpaqueTokens.sha256Hex(credential));
            statement.setString(5, prefix);
            statement.setTimestamp(6, Timestamp.from(now));
            statement.setString(7, issuedBy);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the data-plane credential", e);
        }
        return new IssuedCredential(id, environment, name, prefix, credential, now);
    }

    /**
     * Stores a credential chosen elsewhere (the bootstrap one) unless its digest is already known.
     * @return true when it was added
     */
    @Transactional
    public boolean register(String environment, String name, String credential, String issuedBy) {
        if (!FORMAT.matcher(credential).matches()) {
            throw new IllegalArgumentException("a data-plane credential is bwdp_ followed by 43 base64url characters");
        }
        try (PreparedStatement statement = connection().prepareStatement("INSERT INTO data_plane_credential "
                + "(id, environment, name, secret_hash, prefix, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (secret_hash) DO NOTHING")) {
            statement.setObject(1, UUID.randomUUID());
            statement.setString(2, environment);
            statement.setString(3, name);
            statement.setString(4, OpaqueTokens.sha256Hex(credential));
            statement.setString(5, credential.substring(0, SHOWN_PREFIX));
            statement.setTimestamp(6, Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)));
            statement.setString(7, issuedBy);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the data-plane credential", e);
        }
    }

    /** The holder of a valid, unrevoked credential; empty for anything else, malformed input included. */
    @Transactional
    public Optional<Holder> authenticate(String credential) {
        if (credential == null || !FORMAT.matcher(credential).matches()) {
            return Optional.empty();
        }
        try (PreparedStatement statement = connection().prepareStatement("UPDATE data_plane_credential SET last_used_at = now() "
                + "WHERE secret_hash = ? AND revoked_at IS NULL RETURNING id, environment, name")) {
            statement.setString(1, OpaqueTokens.sha256Hex(credential));
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(new Holder(row.getObject(1, UUID.class), row.getString(2), row.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not check a data-plane credential", e);
        }
    }

    /** Revokes a credential; true when it existed and was active. Connected data planes using it are disconnected by the caller. */
    @Transactional
    public boolean revoke(UUID id) {
        try (PreparedStatement statement = connection().prepareStatement(
                "UPDATE data_plane_credential SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL")) {
            statement.setObject(1, id);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not revoke a data-plane credential", e);
        }
    }

    /** Which of these credentials have been revoked (by any control-plane replica). */
    @Transactional
    public Set<UUID> revokedAmong(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        try (PreparedStatement statement = connection().prepareStatement(
                "SELECT id FROM data_plane_credential WHERE id = ANY(?) AND revoked_at IS NOT NULL")) {
            statement.setArray(1, statement.getConnection().createArrayOf("uuid", ids.toArray()));
            Set<UUID> revoked = new HashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    revoked.add(rows.getObject(1, UUID.class));
                }
            }
            return revoked;
        } catch (SQLException e) {
            throw new IllegalStateException("could not check data-plane credentials", e);
        }
    }

    @Transactional
    public List<DataPlaneCredential> list() {
        try (PreparedStatement statement = connection().prepareStatement("SELECT id, environment, name, prefix, created_at, created_by, "
                + "revoked_at, last_used_at FROM data_plane_credential ORDER BY created_at, id");
             ResultSet rows = statement.executeQuery()) {
            List<DataPlaneCredential> credentials = new ArrayList<>();
            while (rows.next()) {
                credentials.add(new DataPlaneCredential(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                        rows.getString(4), instant(rows.getTimestamp(5)), rows.getString(6), instant(rows.getTimestamp(7)),
                        instant(rows.getTimestamp(8))));
            }
            return credentials;
        } catch (SQLException e) {
            throw new IllegalStateException("could not list data-plane credentials", e);
        }
    }

    private Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

}
