package dev.bulwark.securitytesting.threatmodel;

import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives a STRIDE threat model from a document. Threats say what could go wrong given what an
 * operation does, whether or not the document already mitigates it; the audit is what judges the
 * mitigations.
 */
public final class ThreatModeler {

    private ThreatModeler() {}

    public static ThreatModel model(ApiDocument document) {
        TraitDetector detector = new TraitDetector(document);
        List<OperationTraits> operations = new ArrayList<>();
        List<Threat> threats = new ArrayList<>();
        for (ApiOperation op : document.operations()) {
            OperationTraits traits = detector.detect(op);
            operations.add(traits);
            for (ThreatCatalogue.Entry entry : ThreatCatalogue.ENTRIES) {
                if (traits.has(entry.requires())) {
                    threats.add(entry.against(op.key()));
                }
            }
        }
        return new ThreatModel(operations, threats);
    }
}
