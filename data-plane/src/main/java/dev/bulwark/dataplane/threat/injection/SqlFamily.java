package dev.bulwark.dataplane.threat.injection;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.contracts.policy.ThreatSensitivity;
import dev.bulwark.dataplane.threat.injection.detect.Detector;
import dev.bulwark.dataplane.threat.injection.detect.Rule;
import dev.bulwark.dataplane.threat.injection.detect.Subject;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SQL family as a {@link Detector}: adapts {@code threat.injection.sql.SqlInjectionDetector}
 * ({@code String match(CharSequence, ThreatSensitivity)}, a rule id or null), which is developed in
 * its own package and branch. Bound once through a method handle when the class is present; until
 * it is, SQL is not inspected (and {@link InjectionEngine#inspects} says so).
 */
final class SqlFamily implements Detector {
    private static final String DETECTOR = "dev.bulwark.dataplane.threat.injection.sql.SqlInjectionDetector";
    private static final String RULES = "dev.bulwark.dataplane.threat.injection.sql.SqlRule";
    private static final Optional<Detector> INSTANCE = load();

    private final Object detector;
    private final MethodHandle match;
    private final Map<String, Rule> rules = new ConcurrentHashMap<>();
    private final List<Rule> catalogue;

    private SqlFamily(Object detector, MethodHandle match, List<String> ids) {
        this.detector = detector;
        this.match = match;
        List<Rule> known = new ArrayList<>();
        for (String id : ids) {
            known.add(rules.computeIfAbsent(id, SqlFamily::rule));
        }
        this.catalogue = List.copyOf(known);
    }

    static Optional<Detector> instance() {
        return INSTANCE;
    }

    @Override
    public ThreatFamily family() {
        return ThreatFamily.SQL;
    }

    @Override
    public List<Rule> rules() {
        return catalogue;
    }

    @Override
    public Rule match(Subject subject) {
        String id;
        try {
            id = (String) match.invoke(detector, subject.text(), subject.strict() ? ThreatSensitivity.STRICT : ThreatSensitivity.DEFAULT);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("the SQL detector failed", e);
        }
        return id == null ? null : rules.computeIfAbsent(id, SqlFamily::rule);
    }

    private static Rule rule(String id) {
        return id.equals("sql-breakout") ? Rule.strict(id, ThreatFamily.SQL, "SQL injection: " + id)
                : Rule.of(id, ThreatFamily.SQL, "SQL injection: " + id);
    }

    private static Optional<Detector> load() {
        try {
            Class<?> type = Class.forName(DETECTOR);
            Object detector = type.getConstructor().newInstance();
            MethodHandle match = MethodHandles.publicLookup().findVirtual(type, "match",
                    MethodType.methodType(String.class, CharSequence.class, ThreatSensitivity.class));
            List<String> ids = new ArrayList<>();
            try {
                Class<?> ruleType = Class.forName(RULES);
                MethodHandle idOf = MethodHandles.publicLookup().findVirtual(ruleType, "id", MethodType.methodType(String.class));
                for (Object constant : ruleType.getEnumConstants()) {
                    ids.add((String) idOf.invoke(constant));
                }
            } catch (ClassNotFoundException e) {
                // the catalogue fills as rules are seen
            }
            return Optional.of(new SqlFamily(detector, match, ids));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        } catch (Throwable e) {
            throw new IllegalStateException("the SQL detector is present but cannot be bound", e);
        }
    }
}
