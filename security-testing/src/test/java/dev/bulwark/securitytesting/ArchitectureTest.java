package dev.bulwark.securitytesting;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Security-testing's packages point one way (docs/architecture.md, "Security-testing layers"): the
 * CLI, then the report writers, then the auditor and the threat model, then the audit rules, then
 * the audit model (rule, finding, severity), then the OpenAPI document, the OWASP catalogue and the
 * gateway policies an API is served with. The active scanner sits beside the auditor: the scanner,
 * then its checks, then its model (target, settings, probe, finding), which reuses the audit
 * model's severity and the document.
 */
@AnalyzeClasses(packages = "dev.bulwark.securitytesting", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String AUDITOR = "dev.bulwark.securitytesting.audit";

    @ArchTest
    static final ArchRule no_package_cycles = slices().matching("dev.bulwark.securitytesting.(**)").namingSlices("$1")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Cli").definedBy("..securitytesting.cli..")
            .layer("Reports").definedBy("..securitytesting.report..", "..securitytesting.sarif..")
            .layer("Auditor").definedBy(AUDITOR)
            .layer("ThreatModel").definedBy("..securitytesting.threatmodel..")
            .layer("Rules").definedBy("..securitytesting.audit.rules..")
            .layer("Scanner").definedBy("dev.bulwark.securitytesting.scan")
            .layer("ScanChecks").definedBy("..securitytesting.scan.checks..")
            .layer("ScanModel").definedBy("..securitytesting.scan.model..")
            .layer("AuditModel").definedBy("..securitytesting.audit.model..")
            .layer("Document").definedBy("..securitytesting.openapi..", "..securitytesting.owasp..",
                    "..securitytesting.gateway..")
            .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("Reports").mayOnlyBeAccessedByLayers("Cli")
            .whereLayer("Auditor").mayOnlyBeAccessedByLayers("Cli", "Reports")
            .whereLayer("ThreatModel").mayOnlyBeAccessedByLayers("Cli", "Reports")
            // Only the auditor knows the default rule set; reports read findings, not rules.
            .whereLayer("Rules").mayOnlyBeAccessedByLayers("Auditor")
            .whereLayer("Scanner").mayOnlyBeAccessedByLayers("Cli", "Reports")
            // Only the scanner knows the default check set, as the auditor knows the rules.
            .whereLayer("ScanChecks").mayOnlyBeAccessedByLayers("Scanner")
            .whereLayer("ScanModel").mayOnlyBeAccessedByLayers("Cli", "Reports", "Scanner", "ScanChecks")
            .whereLayer("AuditModel").mayOnlyBeAccessedByLayers("Cli", "Reports", "Auditor", "Rules", "Scanner",
                    "ScanChecks", "ScanModel")
            .whereLayer("Document").mayOnlyBeAccessedByLayers("Cli", "Reports", "Auditor", "ThreatModel", "Rules",
                    "AuditModel", "Scanner", "ScanChecks", "ScanModel");

    @ArchTest
    static final ArchRule every_package_has_a_layer = classes().should().resideInAnyPackage("..securitytesting.cli..",
                    "..securitytesting.report..", "..securitytesting.sarif..", AUDITOR, "..securitytesting.threatmodel..",
                    "..securitytesting.audit.rules..", "..securitytesting.audit.model..", "..securitytesting.openapi..",
                    "..securitytesting.owasp..", "..securitytesting.gateway..", "dev.bulwark.securitytesting.scan",
                    "..securitytesting.scan.checks..", "..securitytesting.scan.model..")
            .because("a new package is placed in a layer of this test and of docs/architecture.md");
}
