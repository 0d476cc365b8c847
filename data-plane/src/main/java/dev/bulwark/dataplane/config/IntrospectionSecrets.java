package dev.bulwark.dataplane.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Client secrets of jwt policies' token introspection. Snapshots carry no secrets, so they are
 * gateway environment variables {@code BULWARK_INTROSPECTION_SECRET_<NAME>}, each bound by
 * {@code BULWARK_INTROSPECTION_ORIGIN_<NAME>} to the one origin it may be sent to: a policy of
 * another tenant naming the same variable with its own endpoint gets nothing to send.
 */
public final class IntrospectionSecrets {
    public static final String SECRET_PREFIX = "BULWARK_INTROSPECTION_SECRET_";
    public static final String ORIGIN_PREFIX = "BULWARK_INTROSPECTION_ORIGIN_";
    private static final Pattern NAME = Pattern.compile("[A-Z0-9_]{1,64}");

    private final Map<String, Binding> byVariable;

    private record Binding(String origin, String secret) {
    }

    private IntrospectionSecrets(Map<String, Binding> byVariable) {
        this.byVariable = Map.copyOf(byVariable);
    }

    public static IntrospectionSecrets none() {
        return new IntrospectionSecrets(Map.of());
    }

    /** Every pair from {@code env}; a secret without its origin (or the reverse) is a start-up error, not a silent gap. */
    static IntrospectionSecrets read(Map<String, String> env, List<String> errors) {
        Map<String, Binding> bindings = new TreeMap<>();
        TreeSet<String> names = new TreeSet<>();
        for (String variable : env.keySet()) {
            if (variable.startsWith(SECRET_PREFIX)) {
                names.add(variable.substring(SECRET_PREFIX.length()));
            } else if (variable.startsWith(ORIGIN_PREFIX)) {
                names.add(variable.substring(ORIGIN_PREFIX.length()));
            }
        }
        for (String name : names) {
            String secret = env.get(SECRET_PREFIX + name);
            String origin = env.get(ORIGIN_PREFIX + name);
            if (!NAME.matcher(name).matches()) {
                errors.add(SECRET_PREFIX + "<NAME>: the name " + name + " is not 1-64 of A-Z, 0-9 and _");
            } else if (secret == null || secret.isEmpty()) {
                errors.add(ORIGIN_PREFIX + name + " is set but " + SECRET_PREFIX + name + " is not");
            } else if (origin == null) {
                errors.add(SECRET_PREFIX + name + " needs " + ORIGIN_PREFIX + name + ", the origin it may be sent to");
            } else {
                String normalised = origin(origin.trim());
                if (normalised == null) {
                    errors.add(ORIGIN_PREFIX + name + " must be an origin such as https://id.example.com[:port]");
                } else {
                    bindings.put(SECRET_PREFIX + name, new Binding(normalised, secret));
                }
            }
        }
        return new IntrospectionSecrets(bindings);
    }

    /** The secret in {@code variable}, when the gateway's operator bound it to {@code endpoint}'s origin. */
    public Optional<String> secretFor(String variable, String endpoint) {
        Binding binding = byVariable.get(variable);
        String origin = origin(endpoint);
        return binding != null && binding.origin().equals(origin) ? Optional.of(binding.secret()) : Optional.empty();
    }

    /** {@code scheme://host:port}, lower case, default port explicit; null unless an http(s) URL without credentials. */
    static String origin(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!("https".equals(scheme) || "http".equals(scheme)) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return null;
            }
            int port = uri.getPort() < 0 ? ("https".equals(scheme) ? 443 : 80) : uri.getPort();
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        // Names and origins only: the secrets never reach a log line.
        StringBuilder text = new StringBuilder("IntrospectionSecrets[");
        byVariable.forEach((variable, binding) -> text.append(variable).append("→").append(binding.origin()).append(' '));
        return text.append(']').toString();
    }
}
