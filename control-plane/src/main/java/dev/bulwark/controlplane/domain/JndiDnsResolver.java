package dev.bulwark.controlplane.domain;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * Asks DNS directly (the JDK's JNDI DNS provider), not the host's resolver: {@code /etc/hosts} and
 * search domains must not decide who owns a public name. {@code bulwark.domains.dns-server}
 * ({@code BULWARK_DOMAINS_DNS_SERVER}, {@code host:port}) names the server; blank uses the
 * system's configured name servers.
 */
@Singleton
public class JndiDnsResolver implements DnsResolver {
    private final String providerUrl;

    public JndiDnsResolver(@Value("${bulwark.domains.dns-server:}") String server) {
        this.providerUrl = server == null || server.isBlank() ? "dns:" : "dns://" + server.strip();
    }

    @Override
    public List<String> txt(String name) throws IOException {
        List<String> values = new ArrayList<>();
        for (String value : lookup(name, "TXT")) {
            // JNDI joins a record's character-strings with spaces and keeps the quotes of quoted ones.
            values.add(value.replace("\"", "").strip());
        }
        return values;
    }

    @Override
    public List<InetAddress> addresses(String name) throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (String type : List.of("A", "AAAA")) {
            for (String literal : lookup(name, type)) {
                // A literal address is parsed, never looked up.
                addresses.add(InetAddress.getByName(literal.strip()));
            }
        }
        return addresses;
    }

    private List<String> lookup(String name, String type) throws IOException {
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        environment.put("java.naming.provider.url", providerUrl);
        environment.put("com.sun.jndi.dns.timeout.initial", "1000");
        environment.put("com.sun.jndi.dns.timeout.retries", "2");
        DirContext context = null;
        try {
            context = new InitialDirContext(environment);
            Attributes attributes = context.getAttributes(name.endsWith(".") ? name : name + ".", new String[] {type});
            Attribute attribute = attributes.get(type);
            List<String> values = new ArrayList<>();
            if (attribute != null) {
                NamingEnumeration<?> all = attribute.getAll();
                while (all.hasMore()) {
                    values.add(String.valueOf(all.next()));
                }
            }
            return values;
        } catch (NameNotFoundException e) {
            return List.of();
        } catch (NamingException e) {
            throw new IOException("DNS lookup failed", e);
        } finally {
            if (context != null) {
                try {
                    context.close();
                } catch (NamingException ignored) {
                    // nothing held
                }
            }
        }
    }
}
