package dev.bulwark.contracts.policy;

import dev.bulwark.contracts.schema.Doc;
import dev.bulwark.contracts.schema.Required;
import dev.bulwark.contracts.schema.Violations;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

@Doc("Where threat protection does not look, or does not look for some families or rules.")
public record ThreatExclusion(
        @Required @Doc("An input location, exact or as a prefix ending at a segment: path, query.q, header.user-agent, "
                + "cookie.session, form.comment, multipart.file.filename, body/comment (JSON Pointer under body); * stands for one "
                + "segment (body/items/*/note).") String location,
        @Doc("Families not looked for at this location; empty with no rule ids: nothing is looked for.") List<ThreatFamily> families,
        @Doc("Rule ids not applied at this location (e.g. xss-dangerous-tag).") List<String> ruleIds) {

    private static final Set<String> ROOTS = Set.of("path", "query", "header", "cookie", "form", "multipart", "body");
    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final int MAX_LOCATION = 512;

    public ThreatExclusion {
        families = families == null ? List.of() : List.copyOf(families);
        ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
    }

    void validate(Violations v) {
        if (location == null) {
            return;
        }
        int end = 0;
        while (end < location.length() && location.charAt(end) != '.' && location.charAt(end) != '/') {
            end++;
        }
        v.require(ROOTS.contains(location.substring(0, end)), "location",
                "must start with path, query, header, cookie, form, multipart or body");
        v.require(location.length() <= MAX_LOCATION && location.chars().noneMatch(Character::isWhitespace), "location",
                "must be at most " + MAX_LOCATION + " characters without whitespace");
        for (int i = 0; i < ruleIds.size(); i++) {
            String id = ruleIds.get(i);
            v.require(id != null && id.length() <= 64 && RULE_ID.matcher(id).matches(), "ruleIds[" + i + "]",
                    "is not a rule id (lower-case words joined by '-')");
        }
    }
}
