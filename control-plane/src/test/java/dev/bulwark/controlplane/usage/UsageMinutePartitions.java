package dev.bulwark.controlplane.usage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;

/**
 * For tests that write {@code usage_minute} rows directly rather than through ingestion: the day's
 * partition, named and bounded as {@link DailyPartitions} makes it.
 */
public final class UsageMinutePartitions {
    private UsageMinutePartitions() {
    }

    public static void ensureDayOf(Connection connection, Instant minute) throws SQLException {
        LocalDate day = DailyPartitions.dayOf(minute);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS usage_minute_p" + day.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                    + " PARTITION OF usage_minute FOR VALUES FROM ('" + day + " 00:00:00+00') TO ('" + day.plusDays(1) + " 00:00:00+00')");
        }
    }

    /** Today's by the database's clock, as {@code now()} in the same transaction reads it. */
    public static void ensureToday(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet now = statement.executeQuery("SELECT now()")) {
            now.next();
            ensureDayOf(connection, now.getObject(1, java.time.OffsetDateTime.class).toInstant());
        }
    }
}
