package dev.bulwark.contracts.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which bearer tokens a jwt policy sends to its introspection endpoint. */
public enum IntrospectionMode {
    /** Only tokens that are not JWS compact serialisations; JWTs are still verified locally against the JWKS. */
    @JsonProperty("opaque") OPAQUE,
    /** Every token, JWTs included: revocation at the issuer takes effect before the token expires. */
    @JsonProperty("always") ALWAYS
}
