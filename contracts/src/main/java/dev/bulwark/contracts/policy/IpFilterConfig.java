package dev.bulwark.contracts.policy;

import dev.bulwark.contracts.net.Cidr;
import dev.bulwark.contracts.schema.Doc;
import dev.bulwark.contracts.schema.Violations;
import java.util.List;

@Doc("Allows or denies callers by IP address (CIDR, IPv4 and IPv6). Deny wins over allow.")
public record IpFilterConfig(
        @Doc("If not empty, only these networks may call.") List<String> allow,
        @Doc("These networks may never call.") List<String> deny,
        @Doc("Proxies whose X-Forwarded-For is believed; the client is the last address not in this list.") List<String> trustedProxies)
        implements PolicyConfig {

    public IpFilterConfig {
        allow = allow == null ? List.of() : List.copyOf(allow);
        deny = deny == null ? List.of() : List.copyOf(deny);
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }

    @Override
    public void validateRules(Violations v) {
        v.require(!allow.isEmpty() || !deny.isEmpty(), "allow", "allow or deny must list at least one network");
        checkAll(allow, "allow", v);
        checkAll(deny, "deny", v);
        checkAll(trustedProxies, "trustedProxies", v);
    }

    private static void checkAll(List<String> cidrs, String field, Violations v) {
        for (int i = 0; i < cidrs.size(); i++) {
            try {
                Cidr.parse(cidrs.get(i));
            } catch (IllegalArgumentException e) {
                v.add(field + "[" + i + "]", "is not a valid CIDR: " + e.getMessage());
            }
        }
    }
}
