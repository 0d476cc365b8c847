package dev.bulwark.securitytesting.threatmodel;

import dev.bulwark.securitytesting.gateway.GatewayPolicies;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.JsonPointer;
import dev.bulwark.securitytesting.openapi.NameHeuristics;
import dev.bulwark.securitytesting.openapi.SchemaUsage;
import dev.bulwark.securitytesting.openapi.SchemaWalker;
import dev.bulwark.securitytesting.openapi.SchemaWalker.Edge;
import dev.bulwark.securitytesting.threatmodel.ThreatModel.Actor;
import dev.bulwark.securitytesting.threatmodel.ThreatModel.ActorKind;
import dev.bulwark.securitytesting.threatmodel.ThreatModel.Asset;
import dev.bulwark.securitytesting.threatmodel.ThreatModel.DataClass;
import dev.bulwark.securitytesting.threatmodel.ThreatModel.DataFlow;
import dev.bulwark.securitytesting.threatmodel.ThreatModel.Direction;
import dev.bulwark.securitytesting.threatmodel.ThreatModel.EntryPoint;
import io.swagger.v3.oas.models.info.Info;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Derives the threat model of one API version from its document and, when known, the gateway
 * policies attached to it. Threats say what could go wrong given what an operation does, and
 * which gateway controls stand against it; the audit is what judges the document itself.
 */
public final class ThreatModeler {

    private ThreatModeler() {}

    public static ThreatModel model(ApiDocument document) {
        return model(document, GatewayPolicies.UNKNOWN);
    }

    public static ThreatModel model(ApiDocument document, GatewayPolicies gateway) {
        TraitDetector detector = new TraitDetector(document, gateway);
        ThreatRules rules = new ThreatRules(document, gateway);
        List<OperationTraits> operations = new ArrayList<>();
        List<EntryPoint> entryPoints = new ArrayList<>();
        for (ApiOperation op : document.allOperations()) {
            OperationTraits traits = detector.detect(op);
            OperationInputs inputs = OperationInputs.of(document, op);
            operations.add(traits);
            entryPoints.add(new EntryPoint(op.key(), op.isWebhook() ? "webhook" : "operation", op.location().toString(),
                    document.effectiveSecurity(op).stream().flatMap(r -> r.keySet().stream()).distinct().toList(),
                    gateway.known() ? new TreeSet<>(gateway.on(op)).stream().toList() : List.of(), inputs.inputs(),
                    traits.traits()));
            rules.add(op, traits, inputs);
        }
        List<Asset> assets = assets(document);
        return new ThreatModel(api(document), gateway.known(), assets, actors(document, gateway, operations),
                entryPoints, Boundaries.of(document, gateway), flows(assets), operations, rules.threats());
    }

    private static ThreatModel.Api api(ApiDocument document) {
        Info info = document.openApi().getInfo();
        String spec = document.convertedFrom().map(v -> "Swagger " + v + " (converted)")
                .orElse("OpenAPI " + document.openApi().getOpenapi());
        return new ThreatModel.Api(info == null || info.getTitle() == null ? document.origin() : info.getTitle(),
                info == null || info.getVersion() == null ? "" : info.getVersion(), spec,
                document.operations().size(), document.webhooks().size());
    }

    /** Schemas holding personal, financial or credential data, grouped by the component (or inline schema) defining them. */
    private static List<Asset> assets(ApiDocument document) {
        Map<String, AssetBuilder> byName = new LinkedHashMap<>();
        for (SchemaUsage.UsedNode used : document.schemaUsage().nodes(use -> true)) {
            SchemaWalker.Node node = used.node();
            if (node.edge() != Edge.PROPERTY) {
                continue;
            }
            Set<DataClass> classes = classify(node.propertyName());
            if (classes.isEmpty()) {
                continue;
            }
            JsonPointer owner = node.declaredAt().parent().flatMap(JsonPointer::parent).orElse(JsonPointer.ROOT);
            String name = componentName(owner);
            AssetBuilder asset = byName.computeIfAbsent(name, n -> new AssetBuilder(n, owner));
            asset.classes.addAll(classes);
            asset.properties.add(node.propertyName());
        }
        // Who moves each asset: the operations reaching its properties, by direction.
        for (boolean inbound : new boolean[] {true, false}) {
            for (SchemaUsage.UsedNode used : document.schemaUsage().nodes(use -> use.inbound() == inbound)) {
                if (used.node().edge() != Edge.PROPERTY || classify(used.node().propertyName()).isEmpty()) {
                    continue;
                }
                JsonPointer owner = used.node().declaredAt().parent().flatMap(JsonPointer::parent).orElse(JsonPointer.ROOT);
                AssetBuilder asset = byName.get(componentName(owner));
                used.operations().forEach(op -> (inbound ? asset.writtenBy : asset.readBy).add(op.key()));
            }
        }
        return byName.values().stream().map(AssetBuilder::build).toList();
    }

    private static String componentName(JsonPointer owner) {
        List<String> tokens = owner.tokens();
        if (tokens.size() >= 3 && tokens.get(0).equals("components") && tokens.get(1).equals("schemas")) {
            return tokens.get(2);
        }
        return owner.toString();
    }

    static Set<DataClass> classify(String property) {
        Set<DataClass> out = EnumSet.noneOf(DataClass.class);
        if (NameHeuristics.sensitivity(property).isPresent()) {
            out.add(DataClass.CREDENTIAL);
        }
        if (NameHeuristics.isFinancialData(property)) {
            out.add(DataClass.FINANCIAL);
        }
        if (NameHeuristics.isPersonalData(property)) {
            out.add(DataClass.PERSONAL);
        }
        if (out.contains(DataClass.CREDENTIAL) && out.contains(DataClass.FINANCIAL)) {
            out.remove(DataClass.CREDENTIAL); // card numbers and IBANs: regulated, not login secrets
        }
        return out;
    }

    private static List<Actor> actors(ApiDocument document, GatewayPolicies gateway, List<OperationTraits> traits) {
        List<String> anonymous = new ArrayList<>();
        List<String> consumer = new ArrayList<>();
        List<String> objects = new ArrayList<>();
        List<String> admin = new ArrayList<>();
        for (OperationTraits t : traits) {
            if (t.operationKey().startsWith("webhook ")) {
                continue;
            }
            (t.traits().contains(Trait.UNAUTHENTICATED) ? anonymous : consumer).add(t.operationKey());
            if (t.traits().contains(Trait.TAKES_OBJECT_ID)) {
                objects.add(t.operationKey());
            }
            if (t.traits().contains(Trait.ADMINISTRATIVE)) {
                admin.add(t.operationKey());
            }
        }
        return List.of(
                new Actor(ActorKind.ANONYMOUS, "Anyone on the internet, without credentials.", anonymous),
                new Actor(ActorKind.CONSUMER, "An application of this tenant's consumers, authenticated by the "
                        + "gateway (API key or JWT) and subscribed to a plan of this API.", consumer),
                new Actor(ActorKind.OTHER_TENANT_CONSUMER, "A consumer with valid credentials for another tenant, "
                        + "plan or user. The gateway refuses consumers not subscribed to this API; past that, these "
                        + "operations take object references it must not be able to swap.", objects),
                new Actor(ActorKind.ADMIN, "The API's operators, reaching administrative operations.", admin));
    }

    private static List<DataFlow> flows(List<Asset> assets) {
        List<DataFlow> out = new ArrayList<>();
        for (Asset asset : assets) {
            asset.writtenBy().forEach(op -> out.add(new DataFlow(op, asset.name(), Direction.IN,
                    op.startsWith("webhook ") ? Boundaries.THIRD_PARTIES : Boundaries.CLIENT_GATEWAY)));
            asset.readBy().forEach(op -> out.add(new DataFlow(op, asset.name(), Direction.OUT,
                    op.startsWith("webhook ") ? Boundaries.THIRD_PARTIES : Boundaries.CLIENT_GATEWAY)));
        }
        return out;
    }

    private static final class AssetBuilder {
        final String name;
        final JsonPointer location;
        final Set<DataClass> classes = EnumSet.noneOf(DataClass.class);
        final Set<String> properties = new LinkedHashSet<>();
        final Set<String> readBy = new LinkedHashSet<>();
        final Set<String> writtenBy = new LinkedHashSet<>();

        AssetBuilder(String name, JsonPointer location) {
            this.name = name;
            this.location = location;
        }

        Asset build() {
            return new Asset(name, location.toString(), classes, List.copyOf(properties), List.copyOf(readBy),
                    List.copyOf(writtenBy));
        }
    }
}
