package dev.bulwark.dataplane.contract.bench;

import dev.bulwark.contracts.policy.BodyStructureLimits;
import dev.bulwark.dataplane.contract.BodyChecks;
import dev.bulwark.dataplane.contract.CompiledOperation;
import dev.bulwark.dataplane.policy.threat.ContractHints;
import dev.bulwark.dataplane.threat.JsonLimits;
import dev.bulwark.dataplane.threat.injection.InjectionEngine;
import dev.bulwark.dataplane.threat.injection.InspectionSettings;
import dev.bulwark.dataplane.threat.injection.hint.TypeHints;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The body phase of a route with both contract validation and threat protection, as the gateway
 * pays it for {@link ContractValidationBenchmark}'s 1 KB order: structure scan, parse and schema
 * validation, then the injection scan with the contract's hints (typed values and declared keys are
 * not read as text). {@code scanWithContract} and {@code scanWithoutContract} are the scan alone, with
 * and without the hints. Run with {@code data-plane/bench/run-jmh.sh ValidatedBody}; never part of {@code verify}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ValidatedBodyBenchmark {
    private final ContractValidationBenchmark request = new ContractValidationBenchmark();
    private CompiledOperation operation;
    private byte[] body;
    private BodyStructureLimits limits;
    private JsonLimits jsonLimits;
    private InjectionEngine engine;

    @Setup
    public void compile() {
        request.compile();
        operation = request.operation();
        body = request.bodyBytes();
        limits = BodyStructureLimits.DEFAULT;
        jsonLimits = BodyChecks.jsonLimits(limits);
        engine = new InjectionEngine(InspectionSettings.DEFAULT);
        if (validateAndScan() != null) {
            throw new IllegalStateException("the benchmark body must pass both policies");
        }
    }

    /** Validation, then the hinted scan: the whole body phase of the two policies. */
    @Benchmark
    public Object validateAndScan() {
        BodyChecks.Refusal refusal = BodyChecks.check(operation, "application/json", body, limits, jsonLimits, true);
        return refusal != null ? refusal : engine.inspectBody("application/json", body, body.length, ContractHints.of(operation));
    }

    /** The hints are made per request, as the policy makes them: they remember where the last value sat. */
    @Benchmark
    public Object scanWithContract() {
        return engine.inspectBody("application/json", body, body.length, ContractHints.of(operation));
    }

    @Benchmark
    public Object scanWithoutContract() {
        return engine.inspectBody("application/json", body, body.length, TypeHints.NONE);
    }
}
