package dev.bulwark.controlplane;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.micronaut.http.annotation.Controller;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The control plane's package rules from docs/architecture.md ("Control-plane packages"): no
 * package cycles; the shared floors {@code secret} → {@code kernel} → {@code sql} → {@code web}
 * each import only the floors below them; and no feature uses another feature's controllers.
 * Each rule is also run on a deliberately broken fixture package, so a rule that stopped
 * detecting anything would fail here.
 */
class ArchitectureTest {
    private static final String BASE = "dev.bulwark.controlplane";
    private static final String FIXTURE = BASE + ".architecturefixture";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(BASE);
    private static final JavaClasses BROKEN = new ClassFileImporter().importPackages(FIXTURE);

    /** Features (top-level packages) may not depend on each other in a circle. */
    static ArchRule noCyclesBetweenFeatures(String base) {
        return slices().matching(base + ".(*)..").should().beFreeOfCycles();
    }

    /** Nor may any two packages, sub-packages included (identity, identity.session, identity.token). */
    static ArchRule noCyclesBetweenPackages(String base) {
        return slices().matching(base + ".(**)").should().beFreeOfCycles();
    }

    /**
     * The shared floors, bottom up: {@code secret} (key material), {@code kernel} (shared types),
     * {@code sql} (the JDBC helper, which binds kernel ids), {@code web} (the filters and error
     * handlers every route goes through). Each imports only the floors below it, never a feature.
     */
    static ArchRule floorImportsOnlyBelow(String base, String floor, String... below) {
        String[] allowed = new String[below.length + 1];
        allowed[0] = base + "." + floor + "..";
        for (int i = 0; i < below.length; i++) {
            allowed[i + 1] = base + "." + below[i] + "..";
        }
        return noClasses().that().resideInAPackage(base + "." + floor + "..")
                .should().dependOnClassesThat(resideInAPackage(base + "..").and(not(resideInAnyPackage(allowed))))
                .because("every feature builds on " + floor + ", so it can know none of them");
    }

    /** A controller is its feature's web adapter: other features call the feature's services instead. */
    static ArchRule noFeatureUsesAnotherFeaturesController(String base) {
        return noClasses().should(new ArchCondition<>("use a controller of another feature") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    String feature = feature(base, target);
                    if (isController(target) && feature != null && !feature.equals(feature(base, origin))) {
                        events.add(SimpleConditionEvent.satisfied(dependency, dependency.getDescription()));
                    }
                }
            }
        });
    }

    static List<ArchRule> rules(String base) {
        return List.of(noCyclesBetweenFeatures(base), noCyclesBetweenPackages(base),
                floorImportsOnlyBelow(base, "secret"),
                floorImportsOnlyBelow(base, "kernel", "secret"),
                floorImportsOnlyBelow(base, "sql", "kernel", "secret"),
                floorImportsOnlyBelow(base, "web", "sql", "kernel", "secret"),
                noFeatureUsesAnotherFeaturesController(base));
    }

    @Test
    void theControlPlaneKeepsEveryPackageRule() {
        assertThat(MAIN.contain(BASE + ".kernel.TenantId")).as("main classes imported").isTrue();
        for (ArchRule rule : rules(BASE)) {
            rule.check(MAIN);
        }
    }

    @Test
    void everyRuleCatchesTheBrokenFixture() {
        for (ArchRule rule : rules(FIXTURE)) {
            assertThat(rule.evaluate(BROKEN).hasViolation()).as(rule.getDescription()).isTrue();
        }
    }

    private static boolean isController(JavaClass type) {
        for (JavaClass c = type; c != null; c = c.getEnclosingClass().orElse(null)) {
            if (c.isAnnotatedWith(Controller.class) || c.getSimpleName().endsWith("Controller")) {
                return true;
            }
        }
        return false;
    }

    /** The top-level package under {@code base}, or null for classes outside it (and its root package). */
    private static String feature(String base, JavaClass type) {
        String pkg = type.getPackageName();
        if (!pkg.startsWith(base + ".")) {
            return null;
        }
        String rest = pkg.substring(base.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
