package dev.bulwark.dataplane.bench;

import dev.bulwark.dataplane.threat.injection.Detection;
import dev.bulwark.dataplane.threat.injection.InjectionEngine;
import dev.bulwark.dataplane.threat.injection.InspectionSettings;
import dev.bulwark.dataplane.threat.injection.PrefilterMode;
import dev.bulwark.dataplane.threat.injection.hint.TypeHints;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Injection inspection of ordinary traffic (every family that is on the classpath, default
 * sensitivity, nothing found, so every detector runs on every value): a typical 1 KB JSON body, a
 * typical query string, and a browser's request head. Run with
 * {@code data-plane/bench/run-jmh.sh InjectionInspection}; never part of {@code mvn verify}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InjectionInspectionBenchmark {
    static final byte[] JSON = ("""
            {"order":{"id":"ord_01HX3K9V7N","created":"2026-12-06T09:30:00Z","currency":"EUR",
            "customer":{"id":"c_4821","name":"Zoë O'Neil","email":"zoe.oneil@example.com","phone":"+49 30 1234567",
            "address":{"line1":"Friedrichstraße 123","line2":"3. OG, links","city":"Berlin","zip":"10117","country":"DE"}},
            "items":[{"sku":"A-100","title":"Cat tree (large), grey","qty":2,"price":49.90,"tags":["pets","furniture"]},
            {"sku":"B-7","title":"Select & order: 10% off this week","qty":1,"price":5.00,"tags":["promo"]},
            {"sku":"C-55","title":"Scratching post - sisal, 80 cm","qty":1,"price":19.99,"tags":[]}],
            "notes":"Please leave the parcel at the back door; ring twice. Thanks a lot!",
            "coupon":"WINTER-2026","gift":false,"shipping":{"method":"next-day","carrier":"DHL","tracking":null},
            "meta":{"source":"web","campaign":"newsletter_dec","referrer":"https://www.example.com/blog/cat-trees?utm_source=mail"}}}
            """).getBytes(StandardCharsets.UTF_8);
    static final String PATH = "/api/v1/catalog/products";
    static final String QUERY = "q=cat+tree+large&category=pets%2Ffurniture&sort=-rating&page=2&per_page=50&min_price=10&max_price=200"
            + "&in_stock=true&lang=de-DE";
    static final List<Map.Entry<String, String>> HEADERS = List.of(
            Map.entry("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"),
            Map.entry("Accept", "application/json, text/plain, */*"),
            Map.entry("Accept-Language", "de-DE,de;q=0.9,en;q=0.8"),
            Map.entry("Referer", "https://shop.example.com/catalog?category=pets"),
            Map.entry("Cookie", "session=eyJ1c2VyIjo0ODIxfQ.Zk3QAw.abc; theme=dark; consent=all"),
            Map.entry("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjXzQ4MjEifQ.c2lnbmF0dXJl"),
            Map.entry("X-Request-Id", "7f3c2a90-1b6e-4c3d-9a51-0e2f6b8d4c11"));

    /** {@code OFF} is the engine before the prefilter (every detector on every value): the baseline of the same run. */
    @Param({"ON", "OFF"})
    PrefilterMode prefilter;

    InjectionEngine engine;

    @Setup
    public void setUp() {
        engine = new InjectionEngine(InspectionSettings.DEFAULT, prefilter);
    }

    @Benchmark
    public Detection jsonBody1k() {
        return engine.inspectBody("application/json", JSON, JSON.length, TypeHints.NONE);
    }

    @Benchmark
    public Detection queryString() {
        return engine.inspectHead(PATH, QUERY, List.of(), TypeHints.NONE);
    }

    @Benchmark
    public Detection browserHead() {
        return engine.inspectHead(PATH, QUERY, HEADERS, TypeHints.NONE);
    }
}
