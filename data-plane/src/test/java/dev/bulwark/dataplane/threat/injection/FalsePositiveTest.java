package dev.bulwark.dataplane.threat.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What default sensitivity must let through: ordinary API traffic, written for this test (names,
 * prose with words attacks also use, addresses, identifiers, tokens, URLs, browser headers).
 */
class FalsePositiveTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "John Smith", "O'Brien & Sons, Ltd.", "It's a beautiful day; let's go to the park.", "AT&T: 1-800-288-2020",
        "Select the best option from the list below and order now!", "Please find attached the file (report.pdf).",
        "Learn Python: the complete guide", "Ruby on Rails developer wanted", "jane.doe+news@example.com",
        "https://www.example.com/products?id=123&sort=price&order=asc", "See https://github.com/org/repo/blob/main/README.md",
        "/api/v1/users/42/orders", "The function returns a list (or None) of items.", "Cut/paste the text into the box.",
        "550e8400-e29b-41d4-a716-446655440000", "2024-03-15T10:30:00Z", "+49 (0)30 1234567", "123 Main St., Apt. #4",
        "Café Crème — naïve façade, 日本語テキスト, Ελληνικά, العربية", "SELECT your seat and ORDER your meal FROM the menu.",
        "Version 2.0.1 (build 345) released on 2023-12-01", "Temperature: 20°C ~ 25°C", "50% off -- today only!!!",
        "x = (a + b) * c / 2", "email, phone, address", "config.yaml", "com.example.app", "name__icontains", "a=1; b=2; c=3",
        "10.0.0.1", "redis://cache:6379/0", "postgres://user:pass@db.example.com:5432/app", "ftp://ftp.example.com/pub/a.tar.gz",
        "#hashtag #blessed", "@username mentioned you", "a <= b || c >= d", "Wait... what?", "He said: \"no way!\"",
        "~/Documents/notes.md", "~5 minutes", "!important", "&nbsp;&amp;&lt;&gt;", "Let's meet at 10:30; bring the docs.",
        "Kill the lights please", "Who let the dogs out", "Top 10 tips", "Env: production", "Print this page",
        "Exec summary attached", "system requirements: 8 GB RAM", "Confirm (yes/no)?", "import data from CSV",
        "Open (Ctrl+O)", "Copy (Ctrl+C) and paste (Ctrl+V)", "Runtime error occurred", "ProcessBuilder example",
        "wp-content/uploads/2024/01/photo.jpg", "dGhpcyBpcyBhIHRlc3Qgb2YgYmFzZTY0IGVuY29kaW5n",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV",
        "Hello {{name}}, your order #{{order_id}} has shipped!", "Dear ${firstName}, welcome aboard.",
        "user[name]=john", "filter[status]=active", "{\"a\": 1, \"b\": [1, 2, 3]}", "[{\"id\":1},{\"id\":2}]"})
    void ordinaryValuesPass(String value) {
        assertThat(Inspect.query(value)).isNull();
        assertThat(Inspect.json(value)).isNull();
    }

    @Test
    void browserHeadersPass() {
        List<Map.Entry<String, String>> headers = List.of(
                Map.entry("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/120.0.0.0 Safari/537.36"),
                Map.entry("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"),
                Map.entry("Accept-Encoding", "gzip, deflate, br, zstd"),
                Map.entry("Accept-Language", "de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7"),
                Map.entry("Referer", "http://localhost:3000/dashboard?tab=usage"),
                Map.entry("Sec-CH-UA", "\"Chromium\";v=\"120\", \"Not?A_Brand\";v=\"24\""),
                Map.entry("Cookie", "session=eyJ1c2VyIjoxfQ.abc; theme=dark; _ga=GA1.2.123456789.1700000000"),
                Map.entry("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20ifQ.c2ln"),
                Map.entry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
                Map.entry("Content-Type", "application/json; charset=utf-8"));

        assertThat(Inspect.DEFAULT.inspectHead("/api/v1/orders", "page=2&per_page=50&sort=-created_at", headers,
                dev.bulwark.dataplane.threat.injection.hint.TypeHints.NONE)).isNull();
    }

    @Test
    void aTypicalJsonBodyPasses() {
        String body = """
                {"order":{"id":"ord_01HX3","customer":{"name":"Zoë O'Neil","email":"zoe@example.com","phone":"+1 (555) 010-2030"},
                "items":[{"sku":"A-100","title":"Cat tree (large) - grey","qty":2,"price":49.9},
                {"sku":"B-7","title":"Select & order: 10% off","qty":1,"price":5}],
                "notes":"Leave at the back door; ring twice. Thanks!","tags":["gift","express"],
                "shipping":{"address":"221B Baker St, London","method":"next-day"}}}""";

        assertThat(Inspect.body("application/json", body)).isNull();
    }
}
