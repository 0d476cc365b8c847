package dev.bulwark.contracts.policy;

import dev.bulwark.contracts.schema.Doc;
import dev.bulwark.contracts.schema.Violations;
import java.util.regex.Pattern;

@Doc("Authenticates the caller with a Bulwark API key.")
public record ApiKeyAuthConfig(
        @Doc("Where the key is sent: a request header or a query parameter. Default: header.") CredentialLocation in,
        @Doc("Header or query parameter name. Default: X-API-Key.") String name,
        @Doc("Remove the key before the request is forwarded upstream. Default: true.") Boolean stripCredential)
        implements PolicyConfig {

    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");

    public ApiKeyAuthConfig {
        in = in == null ? CredentialLocation.HEADER : in;
        name = name == null ? "X-API-Key" : name;
        stripCredential = stripCredential == null ? Boolean.TRUE : stripCredential;
    }

    @Override
    public void validateRules(Violations v) {
        v.require(TOKEN.matcher(name).matches(), "name", "must be a valid header/parameter name (1-64 token characters)");
    }
}
