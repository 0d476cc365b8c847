package dev.bulwark.securitytesting.threatmodel;

import static dev.bulwark.securitytesting.threatmodel.Trait.ACCEPTS_URL;
import static dev.bulwark.securitytesting.threatmodel.Trait.ADMINISTRATIVE;
import static dev.bulwark.securitytesting.threatmodel.Trait.BUSINESS_FLOW;
import static dev.bulwark.securitytesting.threatmodel.Trait.CALLS_BACK;
import static dev.bulwark.securitytesting.threatmodel.Trait.DELETES_DATA;
import static dev.bulwark.securitytesting.threatmodel.Trait.MODIFIES_DATA;
import static dev.bulwark.securitytesting.threatmodel.Trait.RETURNS_COLLECTION;
import static dev.bulwark.securitytesting.threatmodel.Trait.RETURNS_SENSITIVE_DATA;
import static dev.bulwark.securitytesting.threatmodel.Trait.TAKES_OBJECT_ID;
import static dev.bulwark.securitytesting.threatmodel.Trait.UNAUTHENTICATED;
import static dev.bulwark.securitytesting.threatmodel.Trait.UPLOADS_FILES;

import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which threats follow from which traits. An entry applies when the operation has all of its
 * traits; entries are listed in the order threats are reported.
 */
final class ThreatCatalogue {

    /** A threat that applies to any operation carrying all of {@code requires}. */
    record Entry(Set<Trait> requires, Stride stride, String description, String mitigation, OwaspApiTop10 owasp) {

        Entry {
            requires = Set.copyOf(requires);
        }

        Threat against(String operationKey) {
            return new Threat(operationKey, stride, description, mitigation, owasp);
        }
    }

    static final List<Entry> ENTRIES = List.of(
            new Entry(EnumSet.of(UNAUTHENTICATED), Stride.SPOOFING,
                    "Any client can call the operation anonymously; the API cannot tell callers apart or hold "
                            + "any of them to a quota.",
                    "Require authentication (OAuth 2.0 access tokens or mTLS) unless the operation is public by "
                            + "design and returns nothing tenant-specific.",
                    OwaspApiTop10.API2),
            new Entry(EnumSet.of(BUSINESS_FLOW), Stride.SPOOFING,
                    "Scripts pose as genuine customers to run the flow at scale: credential stuffing, fake "
                            + "sign-ups, scalping, voucher or referral abuse.",
                    "Throttle per account, device and IP; add friction (CAPTCHA, step-up, proof of work) where "
                            + "automation is unexpected; watch for abnormal flow rates.",
                    OwaspApiTop10.API6),
            new Entry(EnumSet.of(TAKES_OBJECT_ID), Stride.ELEVATION_OF_PRIVILEGE,
                    "A caller swaps the identifier for one belonging to another user or tenant and reaches their "
                            + "object.",
                    "Check on every request, in the data access layer, that the object belongs to the caller's "
                            + "tenant and user; use random identifiers as defence in depth.",
                    OwaspApiTop10.API1),
            new Entry(EnumSet.of(TAKES_OBJECT_ID, MODIFIES_DATA), Stride.TAMPERING,
                    "A caller changes another user's or tenant's object by addressing it directly.",
                    "Enforce ownership on writes as strictly as on reads; scope update queries by tenant id.",
                    OwaspApiTop10.API1),
            new Entry(EnumSet.of(MODIFIES_DATA), Stride.TAMPERING,
                    "The request body sets properties the caller should not control (role, owner, price, "
                            + "status): mass assignment.",
                    "Bind request bodies to dedicated input types that list allowed fields; reject unknown "
                            + "properties at the gateway (additionalProperties: false).",
                    OwaspApiTop10.API3),
            new Entry(EnumSet.of(DELETES_DATA), Stride.TAMPERING,
                    "Data is destroyed by a caller who should only read it, or in bulk by a script.",
                    "Reserve deletion for a dedicated scope or role, prefer soft deletion with retention, and "
                            + "rate-limit destructive calls.",
                    OwaspApiTop10.API5),
            new Entry(EnumSet.of(UNAUTHENTICATED, MODIFIES_DATA), Stride.REPUDIATION,
                    "Changes cannot be tied to an identity, so abuse can be neither traced nor disputed.",
                    "Authenticate writers and keep an append-only audit trail of who changed what and when.",
                    OwaspApiTop10.API2),
            new Entry(EnumSet.of(UNAUTHENTICATED, DELETES_DATA), Stride.REPUDIATION,
                    "Deletions cannot be tied to an identity, so lost data cannot be attributed or disputed.",
                    "Authenticate callers and audit-log every deletion with the acting identity.",
                    OwaspApiTop10.API2),
            new Entry(EnumSet.of(RETURNS_SENSITIVE_DATA), Stride.INFORMATION_DISCLOSURE,
                    "The response carries secrets or personal data that callers may not need or be entitled to.",
                    "Return only the properties each caller needs (per-role views), mask what must be shown, "
                            + "and never return secrets.",
                    OwaspApiTop10.API3),
            new Entry(EnumSet.of(ACCEPTS_URL), Stride.ELEVATION_OF_PRIVILEGE,
                    "The server is made to request an address the attacker chose, using its own network "
                            + "position: internal services, cloud metadata credentials (SSRF).",
                    "Send outbound calls through an egress proxy with a host allow-list that blocks private, "
                            + "loopback and link-local ranges; resolve DNS once; do not follow redirects.",
                    OwaspApiTop10.API7),
            new Entry(EnumSet.of(CALLS_BACK), Stride.TAMPERING,
                    "Answers from subscriber endpoints are third-party input; a compromised or malicious "
                            + "subscriber feeds the API crafted data.",
                    "Validate callback answers against a schema (or ignore their bodies), bound their size and "
                            + "time, and sign outgoing callbacks so subscribers can verify them.",
                    OwaspApiTop10.API10),
            new Entry(EnumSet.of(UPLOADS_FILES), Stride.DENIAL_OF_SERVICE,
                    "Large, numerous or decompressing uploads exhaust storage, bandwidth and processing.",
                    "Cap upload size and count at the gateway, stream to storage, and process asynchronously "
                            + "with quotas.",
                    OwaspApiTop10.API4),
            new Entry(EnumSet.of(UPLOADS_FILES), Stride.TAMPERING,
                    "Uploaded content is malicious (malware, polyglots, wrong content type) and is later served "
                            + "to or processed for other users.",
                    "Check type by content rather than by name, scan files, store outside the web root and serve "
                            + "them from a separate domain with Content-Disposition: attachment.",
                    OwaspApiTop10.API8),
            new Entry(EnumSet.of(RETURNS_COLLECTION), Stride.DENIAL_OF_SERVICE,
                    "Listings without enforced paging make each call expensive and allow bulk scraping.",
                    "Enforce a maximum page size server-side, prefer cursor pagination, and rate-limit listing.",
                    OwaspApiTop10.API4),
            new Entry(EnumSet.of(ADMINISTRATIVE), Stride.ELEVATION_OF_PRIVILEGE,
                    "Ordinary users reach administrative functions by guessing or reusing their paths.",
                    "Deny by default: require an administrative role or scope checked server-side, and do not "
                            + "expose internal endpoints through the public gateway.",
                    OwaspApiTop10.API5));

    private ThreatCatalogue() {}
}
