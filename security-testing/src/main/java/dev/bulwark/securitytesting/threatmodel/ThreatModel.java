package dev.bulwark.securitytesting.threatmodel;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * STRIDE threats per operation, with the traits that led to them. Built by
 * {@link ThreatModeler}; ordered by operation (document order), then by catalogue order.
 */
public record ThreatModel(List<OperationTraits> operations, List<Threat> threats) {

    public ThreatModel {
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
