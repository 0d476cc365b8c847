package dev.bulwark.securitytesting.threatmodel;

/** Microsoft's STRIDE threat categories, each named after the property it attacks. */
public enum Stride {
    SPOOFING("Spoofing", "authenticity"),
    TAMPERING("Tampering", "integrity"),
    REPUDIATION("Repudiation", "non-repudiation"),
    INFORMATION_DISCLOSURE("Information disclosure", "confidentiality"),
    DENIAL_OF_SERVICE("Denial of service", "availability"),
    ELEVATION_OF_PRIVILEGE("Elevation of privilege", "authorization");

    private final String label;
    private final String violatedProperty;

    Stride(String label, String violatedProperty) {
        this.label = label;
        this.violatedProperty = violatedProperty;
    }

    public String label() {
        return label;
    }

    public String violatedProperty() {
        return violatedProperty;
    }
}
