package dev.bulwark.securitytesting.threatmodel;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A threat model of one API version: what is worth protecting (assets), who acts on the API
 * (actors), where input enters (entry points), where trust changes (boundaries), which data
 * crosses them (data flows), and the STRIDE threats per operation, each naming the parameter or
 * property at stake and the gateway policies that mitigate it or are missing. Every part is a
 * plain record of strings, enums and lists, so the model serialises to JSON as it is.
 */
public record ThreatModel(Api api, boolean gatewayKnown, List<Asset> assets, List<Actor> actors,
        List<EntryPoint> entryPoints, List<TrustBoundary> trustBoundaries, List<DataFlow> dataFlows,
        List<OperationTraits> operations, List<Threat> threats) {

    /** The API version modelled. */
    public record Api(String title, String version, String specification, int operations, int webhooks) {}

    /** What kind of data an asset holds. */
    public enum DataClass { PERSONAL, FINANCIAL, CREDENTIAL }

    /** A schema holding data worth protecting, where it is defined and which operations move it. */
    public record Asset(String name, String location, Set<DataClass> classes, List<String> properties,
            List<String> readBy, List<String> writtenBy) {}

    public enum ActorKind { ANONYMOUS, CONSUMER, OTHER_TENANT_CONSUMER, ADMIN }

    /** Someone who acts on the API, and the operations within their reach. */
    public record Actor(ActorKind kind, String description, List<String> reaches) {}

    /** One input of an entry point: a parameter ({@code in} path, query, header, cookie) or a body property. */
    public record Input(String name, String in, String location) {}

    /** An operation (or webhook) with how callers authenticate and what they send. */
    public record EntryPoint(String operation, String kind, String location, List<String> documentedSecurity,
            List<String> gatewayPolicies, List<Input> inputs, Set<Trait> traits) {}

    /** A gateway control on a boundary and whether it is in place. */
    public record BoundaryControl(String policy, Control.State state) {}

    /** Where trust changes, what guards the crossing, and which entry points cross it. */
    public record TrustBoundary(String id, String name, String from, String to, List<BoundaryControl> controls,
            List<String> crossings) {}

    public enum Direction { IN, OUT }

    /** An asset crossing a boundary through an operation. */
    public record DataFlow(String operation, String asset, Direction direction, String boundary) {}

    public ThreatModel {
        Objects.requireNonNull(api, "api");
        assets = List.copyOf(assets);
        actors = List.copyOf(actors);
        entryPoints = List.copyOf(entryPoints);
        trustBoundaries = List.copyOf(trustBoundaries);
        dataFlows = List.copyOf(dataFlows);
        operations = List.copyOf(operations);
        threats = List.copyOf(threats);
    }

    public List<Threat> threatsFor(String operationKey) {
        return threats.stream().filter(t -> t.operationKey().equals(operationKey)).toList();
    }

    /** Threat count per STRIDE category, every category present. */
    public Map<Stride, Long> countByStride() {
        Map<Stride, Long> counts = new EnumMap<>(Stride.class);
        for (Stride stride : Stride.values()) {
            counts.put(stride, 0L);
        }
        threats.forEach(t -> counts.merge(t.strideCategory(), 1L, Long::sum));
        return counts;
    }
}
