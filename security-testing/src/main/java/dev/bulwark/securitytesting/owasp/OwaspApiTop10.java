package dev.bulwark.securitytesting.owasp;

import java.net.URI;

/** The OWASP API Security Top 10, 2023 edition: the vocabulary shared by findings and threats. */
public enum OwaspApiTop10 {
    API1("Broken Object Level Authorization", "0xa1-broken-object-level-authorization"),
    API2("Broken Authentication", "0xa2-broken-authentication"),
    API3("Broken Object Property Level Authorization", "0xa3-broken-object-property-level-authorization"),
    API4("Unrestricted Resource Consumption", "0xa4-unrestricted-resource-consumption"),
    API5("Broken Function Level Authorization", "0xa5-broken-function-level-authorization"),
    API6("Unrestricted Access to Sensitive Business Flows", "0xa6-unrestricted-access-to-sensitive-business-flows"),
    API7("Server Side Request Forgery", "0xa7-server-side-request-forgery"),
    API8("Security Misconfiguration", "0xa8-security-misconfiguration"),
    API9("Improper Inventory Management", "0xa9-improper-inventory-management"),
    API10("Unsafe Consumption of APIs", "0xaa-unsafe-consumption-of-apis");

    private static final String BASE = "https://owasp.org/API-Security/editions/2023/en/";

    private final String title;
    private final String page;

    OwaspApiTop10(String title, String page) {
        this.title = title;
        this.page = page;
    }

    /** The identifier OWASP uses, e.g. {@code API1:2023}. */
    public String id() {
        return name() + ":2023";
    }

    public String title() {
        return title;
    }

    /** {@code API1:2023 Broken Object Level Authorization}. */
    public String label() {
        return id() + " " + title;
    }

    public URI helpUri() {
        return URI.create(BASE + page + "/");
    }
}
