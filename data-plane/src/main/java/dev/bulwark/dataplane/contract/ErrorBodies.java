package dev.bulwark.dataplane.contract;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Recognises upstream error bodies that leak internals: stack traces (Java, .NET, Python, PHP,
 * Node, Ruby, Go) and database errors. Each marker is a literal, searched with {@link String#indexOf}
 * over at most the first 64 KiB: linear, no regular expression. Markers are chosen to be specific
 * (a stack frame's shape, a driver's error prefix), so a normal error message does not trip them.
 */
public final class ErrorBodies {
    static final int INSPECTED_BYTES = 65_536;
    /** Matched as written. */
    private static final List<String> EXACT = List.of(
            "Exception in thread \"", "\tat java.", "\tat org.", "\tat com.", "\tat sun.", "\tat jdk.", "Caused by: java.",
            "java.lang.NullPointerException", "java.sql.SQLException", "org.springframework.", "org.hibernate.",
            "   at System.", "--- End of stack trace", "System.NullReferenceException", "System.Data.SqlClient",
            "Traceback (most recent call last):", "File \"/", "psycopg2.", "sqlalchemy.exc.", "django.db.",
            "Stack trace:\n#0 ", "PHP Fatal error", ".php on line ", "PDOException",
            "    at Object.<anonymous>", "    at Module._compile", "node_modules/", "(node:internal/",
            ".rb:", "ActiveRecord::", "PG::", "goroutine 1 [running]", "panic: runtime error",
            "SQLSTATE[", "ORA-0", "ORA-1", "ORA-2", "ORA-9", "Microsoft OLE DB Provider", "[Microsoft][ODBC", "SQLite3::",
            "sqlite3.OperationalError", "MySqlException", "Npgsql.", "com.mysql.", "org.postgresql.", "mongo.errors");
    /** Matched ignoring case. */
    private static final List<String> CASELESS = List.of(
            "you have an error in your sql syntax", "syntax error at or near", "unterminated quoted string",
            "unclosed quotation mark after the character string", "quoted string not properly terminated",
            "stacktrace", "stack trace:");

    private ErrorBodies() {
    }

    public static boolean leaksInternals(byte[] body) {
        if (body.length == 0) {
            return false;
        }
        String text = new String(body, 0, Math.min(body.length, INSPECTED_BYTES), StandardCharsets.UTF_8);
        for (String marker : EXACT) {
            if (text.contains(marker)) {
                return true;
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String marker : CASELESS) {
            if (lower.contains(marker)) {
                return true;
            }
        }
        return false;
    }
}
