package dev.bulwark.securitytesting.threatmodel;

import static dev.bulwark.securitytesting.gateway.GatewayPolicies.API_KEY;
import static dev.bulwark.securitytesting.gateway.GatewayPolicies.CONTRACT_VALIDATION;
import static dev.bulwark.securitytesting.gateway.GatewayPolicies.IP_FILTER;
import static dev.bulwark.securitytesting.gateway.GatewayPolicies.JWT;
import static dev.bulwark.securitytesting.gateway.GatewayPolicies.QUOTA;
import static dev.bulwark.securitytesting.gateway.GatewayPolicies.RATE_LIMIT;
import static dev.bulwark.securitytesting.gateway.GatewayPolicies.REQUEST_LIMITS;
import static dev.bulwark.securitytesting.gateway.GatewayPolicies.THREAT_PROTECTION;

import dev.bulwark.securitytesting.gateway.GatewayPolicies;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.ObjectReferences;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import dev.bulwark.securitytesting.threatmodel.Threat.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The STRIDE threats of one operation, each built from what the operation actually takes and
 * returns ({@link OperationInputs}): a threat names its targets and the gateway controls for it.
 * A threat whose gateway controls cannot fully stop it (object ownership, data the service
 * returns) stays {@link Status#PARTIAL} at best: the rest is the service's job.
 */
final class ThreatRules {

    private static final List<String> AUTHENTICATION = List.of(API_KEY, JWT);
    private static final List<String> THROTTLING = List.of(RATE_LIMIT, QUOTA);

    private final ApiDocument document;
    private final GatewayPolicies gateway;
    private final List<Threat> out = new ArrayList<>();

    ThreatRules(ApiDocument document, GatewayPolicies gateway) {
        this.document = document;
        this.gateway = gateway;
    }

    List<Threat> threats() {
        return List.copyOf(out);
    }

    void add(ApiOperation op, OperationTraits traits, OperationInputs in) {
        Set<Trait> t = traits.traits();
        if (op.isWebhook()) {
            add(op, Stride.TAMPERING, OwaspApiTop10.API10, in.answerProperties(), "Subscribers' answers to the "
                    + "webhook are third-party input; a compromised subscriber feeds the API crafted data, and an "
                    + "unsigned webhook can be forged to subscribers.", "Sign webhook requests, call subscribers over "
                    + "HTTPS, and validate (or ignore) their answers.", true);
            if (!in.sensitiveOut().isEmpty()) {
                add(op, Stride.INFORMATION_DISCLOSURE, OwaspApiTop10.API3, in.sensitiveOut(), "The webhook payload "
                        + "carries sensitive data to every subscriber endpoint.", "Send identifiers, not data; let "
                        + "subscribers fetch details with their own credentials.", true);
            }
            return;
        }
        if (t.contains(Trait.UNAUTHENTICATED)) {
            add(op, Stride.SPOOFING, OwaspApiTop10.API2, List.of(), "Any client can call the operation anonymously; "
                    + "the API cannot tell callers apart or hold them to quotas.", "Authenticate callers at the "
                    + "gateway.", false, AUTHENTICATION);
        }
        if (t.contains(Trait.BUSINESS_FLOW)) {
            add(op, Stride.SPOOFING, OwaspApiTop10.API6, List.of(), "Bots pose as customers and automate the flow "
                    + "(credential stuffing, scalping, fake sign-ups).", "Throttle per consumer and per client "
                    + "address; add friction where automation is unexpected.", true, THROTTLING);
        }
        if (!in.objectReferences().isEmpty()) {
            add(op, Stride.ELEVATION_OF_PRIVILEGE, OwaspApiTop10.API1, labels(in.objectReferences()), "A consumer "
                    + "swaps the identifier for one belonging to another user or tenant and reaches their object.",
                    "Authenticate at the gateway (it refuses consumers not subscribed to this API); the service "
                            + "checks, on every request, that the object belongs to the caller.", true, AUTHENTICATION);
            if (op.isWrite()) {
                add(op, Stride.TAMPERING, OwaspApiTop10.API1, labels(in.objectReferences()), "A consumer changes or "
                        + "deletes another user's object by addressing it directly.", "Scope every write by the "
                        + "caller's tenant and user in the service.", true, AUTHENTICATION);
            }
        }
        if (t.contains(Trait.MODIFIES_DATA) && in.hasBody()) {
            add(op, Stride.TAMPERING, OwaspApiTop10.API3, in.openObjects(), "The body sets properties the caller "
                    + "should not control (role, owner, price, status, read-only fields): mass assignment.",
                    "Close request schemas (additionalProperties: false) and validate them at the gateway; bind "
                            + "only allow-listed fields in the service.", !in.openObjects().isEmpty(),
                    List.of(CONTRACT_VALIDATION));
        }
        if (!in.freeText().isEmpty()) {
            add(op, Stride.TAMPERING, OwaspApiTop10.API8, in.freeText(), "Free-text inputs carry injection payloads "
                    + "(SQL, command, template, path traversal) to the service.", "Inspect inputs at the gateway; "
                    + "give the fields a format, pattern or enum so they are checked by type.", false,
                    List.of(THREAT_PROTECTION), List.of(CONTRACT_VALIDATION));
        }
        if (!in.urls().isEmpty() || t.contains(Trait.CALLS_BACK)) {
            add(op, Stride.ELEVATION_OF_PRIVILEGE, OwaspApiTop10.API7, in.urls(), "The server is made to request an "
                    + "address the attacker chose (internal services, cloud metadata): SSRF.", "Refuse URLs to "
                    + "internal addresses at the gateway; fetch through an egress proxy with an allow-list.", true,
                    List.of(THREAT_PROTECTION));
        }
        if (t.contains(Trait.CALLS_BACK)) {
            add(op, Stride.TAMPERING, OwaspApiTop10.API10, List.of(), "Answers from subscriber endpoints are "
                    + "third-party input; a compromised subscriber feeds the API crafted data.", "Validate callback "
                    + "answers against a schema (or ignore their bodies), bound their size and time, and sign "
                    + "outgoing callbacks.", true);
        }
        if (!in.unbounded().isEmpty() || t.contains(Trait.UPLOADS_FILES) || t.contains(Trait.RETURNS_COLLECTION)) {
            add(op, Stride.DENIAL_OF_SERVICE, OwaspApiTop10.API4, in.unbounded(), "Oversized inputs, uploads or page "
                    + "sizes make each call expensive; unthrottled callers exhaust the service.", "Bound sizes at "
                    + "the gateway and in the schema; rate-limit.", false, List.of(REQUEST_LIMITS), THROTTLING,
                    List.of(CONTRACT_VALIDATION));
        }
        if (!in.sensitiveOut().isEmpty()) {
            add(op, Stride.INFORMATION_DISCLOSURE, OwaspApiTop10.API3, in.sensitiveOut(), "The response carries "
                    + "secrets or personal data that callers may not need or be entitled to.", "Return only what "
                    + "each caller needs, mask what must be shown, never return secrets.", true);
        }
        if (!in.credentialsInUrl().isEmpty()) {
            add(op, Stride.INFORMATION_DISCLOSURE, OwaspApiTop10.API2, in.credentialsInUrl(), "Credentials in the "
                    + "URL end up in logs, caches, browser history and Referer headers.", "Move them to a header.",
                    true);
        }
        if (t.contains(Trait.ADMINISTRATIVE)) {
            add(op, Stride.ELEVATION_OF_PRIVILEGE, OwaspApiTop10.API5, List.of(), "Ordinary consumers reach an "
                    + "administrative function by guessing or reusing its path.", "Require an admin scope or "
                    + "client, and restrict the operation by network at the gateway.", true, AUTHENTICATION,
                    List.of(IP_FILTER));
        }
        if (t.contains(Trait.DELETES_DATA)) {
            add(op, Stride.TAMPERING, OwaspApiTop10.API5, labels(in.objectReferences()), "Data is destroyed by a caller "
                    + "who should only read it, or in bulk by a script.", "Reserve deletion for a dedicated scope, "
                    + "prefer soft deletion, rate-limit destructive calls.", true, AUTHENTICATION, THROTTLING);
        }
        if (t.contains(Trait.UNAUTHENTICATED) && op.isWrite()) {
            add(op, Stride.REPUDIATION, OwaspApiTop10.API2, List.of(), "Changes cannot be tied to an identity, so "
                    + "abuse can be neither traced nor disputed.", "Authenticate writers; the gateway's access log "
                    + "then records the consumer of every call.", false, AUTHENTICATION);
        }
    }

    @SafeVarargs
    private void add(ApiOperation op, Stride stride, OwaspApiTop10 owasp, List<String> targets, String description,
            String mitigation, boolean serviceShare, List<String>... controls) {
        List<Control> states = new ArrayList<>();
        for (List<String> anyOf : controls) {
            Control.State state = !gateway.known() ? Control.State.UNKNOWN
                    : anyOf.stream().anyMatch(type -> gateway.enforces(op, type)) ? Control.State.ATTACHED
                            : Control.State.MISSING;
            states.add(new Control(anyOf, state));
        }
        out.add(new Threat("T" + (out.size() + 1), op.key(), stride, owasp, targets, description, mitigation, states,
                status(states, serviceShare)));
    }

    private Status status(List<Control> controls, boolean serviceShare) {
        if (!gateway.known()) {
            return Status.NOT_ASSESSED;
        }
        long attached = controls.stream().filter(c -> c.state() == Control.State.ATTACHED).count();
        if (attached == 0) {
            return Status.OPEN;
        }
        return attached == controls.size() && !serviceShare ? Status.MITIGATED : Status.PARTIAL;
    }

    private static List<String> labels(List<ObjectReferences.Reference> references) {
        return references.stream().map(ObjectReferences.Reference::label).distinct().toList();
    }
}
