package dev.bulwark.securitytesting.audit.rules;

import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.servers.ServerVariable;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Server URL helpers: variable expansion and scheme/host checks. */
final class ServerUrls {

    // Templates multiply; a document with more combinations than this is checked on a prefix.
    private static final int MAX_EXPANSIONS = 64;

    private ServerUrls() {}

    /** Every URL a server template can produce from its variables' defaults and enums. */
    static List<String> expand(Server server) {
        List<String> urls = new ArrayList<>();
        if (server.getUrl() == null) {
            return urls;
        }
        urls.add(server.getUrl());
        Map<String, ServerVariable> variables = server.getVariables();
        if (variables == null) {
            return urls;
        }
        for (Map.Entry<String, ServerVariable> variable : variables.entrySet()) {
            String placeholder = "{" + variable.getKey() + "}";
            Set<String> values = new LinkedHashSet<>();
            if (variable.getValue().getDefault() != null) {
                values.add(variable.getValue().getDefault());
            }
            if (variable.getValue().getEnum() != null) {
                values.addAll(variable.getValue().getEnum());
            }
            List<String> next = new ArrayList<>();
            for (String url : urls) {
                for (String value : values.isEmpty() ? Set.of(placeholder) : values) {
                    if (next.size() < MAX_EXPANSIONS) {
                        next.add(url.replace(placeholder, value));
                    }
                }
            }
            urls = next;
        }
        return urls;
    }

    static boolean isPlainHttp(String url) {
        return url != null && url.trim().toLowerCase(Locale.ROOT).startsWith("http://");
    }

    static boolean isLoopback(String url) {
        String host;
        try {
            host = URI.create(url.trim()).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("[::1]")
                || h.equals("0.0.0.0");
    }
}
