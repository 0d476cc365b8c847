package dev.bulwark.contracts.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Classes of injection attack, as detection rules, exclusions and security events name them. */
public enum ThreatFamily {
    /** SQL injection. */
    @JsonProperty("sql") SQL,
    /** Cross-site scripting: markup, script URLs and event handlers. */
    @JsonProperty("xss") XSS,
    /** OS command injection (Unix shells and Windows cmd/PowerShell). */
    @JsonProperty("command") COMMAND,
    /** Path traversal and local file inclusion. */
    @JsonProperty("traversal") TRAVERSAL,
    /** Remote file inclusion and server-side request forgery: URLs to other hosts, internal or metadata addresses. */
    @JsonProperty("remote-inclusion") REMOTE_INCLUSION,
    /** NoSQL operator injection ({@code $where}, {@code $ne}, ...). */
    @JsonProperty("nosql") NOSQL,
    /** Server-side template and expression-language injection. */
    @JsonProperty("template") TEMPLATE,
    /** Java: JNDI lookups, deserialisation gadgets, class-loader manipulation, OGNL/SpEL. */
    @JsonProperty("java") JAVA,
    /** PHP code injection, wrappers and object injection. */
    @JsonProperty("php") PHP,
    /** Server-side JavaScript (Node.js) injection and prototype pollution. */
    @JsonProperty("node") NODE,
    /** HTTP protocol attacks carried in values: header injection, response splitting. */
    @JsonProperty("protocol") PROTOCOL,
    /** Session identifiers set through the request (session fixation). */
    @JsonProperty("session-fixation") SESSION_FIXATION
}
