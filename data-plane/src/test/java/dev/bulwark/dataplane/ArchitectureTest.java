package dev.bulwark.dataplane;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The gateway's packages point one way (docs/architecture.md, "Data plane layers"): wiring, then
 * the edges that serve (proxy, status), then snapshot compilation and the policies, then routing,
 * then the compiled model every request reads, then support packages. A new package must be placed
 * in a layer here and on that page.
 */
@AnalyzeClasses(packages = "dev.bulwark.dataplane", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] SUPPORT = {"..dataplane.config..", "..dataplane.error..", "..dataplane.event..",
        "..dataplane.observability..", "..dataplane.pipeline..", "..dataplane.redis..", "..dataplane.sync..",
        "..dataplane.upstream..", "..dataplane.threat..", "..dataplane.contract..", "..dataplane.sensitive.."};

    @ArchTest
    static final ArchRule no_package_cycles = slices().matching("dev.bulwark.dataplane.(**)").namingSlices("$1")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Gateway").definedBy("dev.bulwark.dataplane")
            .layer("Edge").definedBy("..dataplane.proxy..", "..dataplane.status..")
            .layer("Snapshot").definedBy("..dataplane.snapshot..")
            .layer("Policies").definedBy("..dataplane.policy..")
            .layer("Routing").definedBy("..dataplane.routing..")
            .layer("Model").definedBy("..dataplane.model..")
            .layer("Support").definedBy(SUPPORT)
            .whereLayer("Gateway").mayNotBeAccessedByAnyLayer()
            .whereLayer("Edge").mayOnlyBeAccessedByLayers("Gateway")
            .whereLayer("Snapshot").mayOnlyBeAccessedByLayers("Gateway", "Edge")
            // The proxy counts streamed bodies against the request-limits bound (policy.limits.BodyLimit).
            .whereLayer("Policies").mayOnlyBeAccessedByLayers("Gateway", "Edge")
            .whereLayer("Routing").mayOnlyBeAccessedByLayers("Snapshot")
            .whereLayer("Model").mayOnlyBeAccessedByLayers("Gateway", "Edge", "Snapshot", "Policies", "Routing")
            .whereLayer("Support").mayOnlyBeAccessedByLayers("Gateway", "Edge", "Snapshot", "Policies", "Routing", "Model");

    @ArchTest
    static final ArchRule every_package_has_a_layer = classes().should().resideInAnyPackage(layerPackages())
            .because("a new package is placed in a layer of this test and of docs/architecture.md");

    @ArchTest
    static final ArchRule model_is_the_floor = classes().that().resideInAPackage("..dataplane.model..")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("dev.bulwark.dataplane..")
                    .or(resideInAnyPackage("..dataplane.model..", "..dataplane.upstream..", "..dataplane.contract..")))
            .because("the compiled model (snapshot, routes, plans, Policy, RequestContext) is what every other layer builds on; "
                    + "a route holds its upstream group and its compiled contract");

    @ArchTest
    static final ArchRule sync_stands_alone = classes().that().resideInAPackage("..dataplane.sync..")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("dev.bulwark.dataplane..")
                    .or(resideInAPackage("..dataplane.sync..")))
            .because("the control plane compiles this package from source into its tests (control-plane/pom.xml)");

    @ArchTest
    static final ArchRule policies_do_not_depend_on_each_other = slices().matching("dev.bulwark.dataplane.policy.(*)..")
            .namingSlices("policy.$1").should().notDependOnEachOther()
            .ignoreDependency(resideInAPackage("..policy.quota.."), resideInAPackage("..policy.ratelimit.."))
            .because("each policy is built by DefaultPolicyFactory alone; quota reuses the rate limit's Redis counters");

    private static String[] layerPackages() {
        String[] packages = new String[SUPPORT.length + 7];
        System.arraycopy(SUPPORT, 0, packages, 0, SUPPORT.length);
        System.arraycopy(new String[] {"dev.bulwark.dataplane", "..dataplane.proxy..", "..dataplane.status..",
            "..dataplane.snapshot..", "..dataplane.policy..", "..dataplane.routing..", "..dataplane.model.."},
                0, packages, SUPPORT.length, 7);
        return packages;
    }
}
