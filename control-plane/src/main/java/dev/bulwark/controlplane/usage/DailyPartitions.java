package dev.bulwark.controlplane.usage;

import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Daily range partitions ({@code <table>_pYYYYMMDD}, UTC days) of one partitioned table: created
 * ahead of need, dropped once older than the retention. DDL runs in its own short transaction under
 * an advisory lock, so replicas never race each other and ingestion transactions never hold the
 * parent's exclusive lock.
 * <p>Hand SQL: partition DDL (CREATE/DROP TABLE ... PARTITION OF) under an advisory lock.
 */
final class DailyPartitions {
    private static final long DDL_LOCK = 0x6277_7465_6c65_6d31L; // "bwtelem1"
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;

    private final String table;
    private final Pattern childName;
    private final TransactionOperations<Connection> transactions;
    private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

    DailyPartitions(String table, TransactionOperations<Connection> transactions) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("table name");
        }
        this.table = table;
        this.childName = Pattern.compile(Pattern.quote(table) + "_p(\\d{8})");
        this.transactions = transactions;
    }

    /** Makes sure every given day has its partition. */
    void ensure(Collection<LocalDate> days) {
        List<LocalDate> missing = days.stream().filter(day -> !known.contains(day)).distinct().toList();
        if (missing.isEmpty()) {
            return;
        }
        transactions.executeWrite(status -> {
            Connection connection = status.getConnection();
            lock(connection);
            try (Statement statement = connection.createStatement()) {
                for (LocalDate day : missing) {
                    statement.execute("CREATE TABLE IF NOT EXISTS " + name(day) + " PARTITION OF " + table
                            + " FOR VALUES FROM ('" + day + " 00:00:00+00') TO ('" + day.plusDays(1) + " 00:00:00+00')");
                }
            }
            return null;
        });
        known.addAll(missing);
    }

    /** Drops partitions whose whole day lies before {@code firstKeptDay}; returns the days dropped. */
    List<LocalDate> dropBefore(LocalDate firstKeptDay) {
        List<LocalDate> dropped = transactions.executeWrite(status -> {
            Connection connection = status.getConnection();
            lock(connection);
            List<LocalDate> days = new ArrayList<>();
            for (LocalDate day : existing(connection)) {
                if (day.isBefore(firstKeptDay)) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("DROP TABLE IF EXISTS " + name(day));
                    }
                    days.add(day);
                }
            }
            return days;
        });
        dropped.forEach(known::remove);
        return dropped;
    }

    List<LocalDate> existing() {
        return transactions.executeRead(status -> existing(status.getConnection()));
    }

    private List<LocalDate> existing(Connection connection) throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                        + "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = ? AND p.relnamespace = c.relnamespace "
                        + "AND pg_catalog.pg_table_is_visible(p.oid) ORDER BY c.relname")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Matcher matcher = childName.matcher(rows.getString(1));
                    if (matcher.matches()) {
                        days.add(LocalDate.parse(matcher.group(1), SUFFIX));
                    }
                }
            }
        }
        return days;
    }

    private String name(LocalDate day) {
        return table + "_p" + day.format(SUFFIX);
    }

    private static void lock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            statement.setLong(1, DDL_LOCK);
            statement.execute();
        }
    }

    static LocalDate dayOf(java.time.Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
