package dev.bulwark.dataplane.config;

import dev.bulwark.dataplane.sync.SyncSettings;
import dev.bulwark.dataplane.sync.SyncSettingsReader;
import dev.bulwark.dataplane.sync.SyncTls;
import dev.bulwark.dataplane.redis.RedisTls;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads {@link GatewaySettings} from environment variables. A misspelt {@code BULWARK_GW_*}
 * variable is an error, not silently ignored: a typo in a security setting must not go unnoticed.
 */
final class SettingsLoader {
    static final String PREFIX = "BULWARK_GW_";

    private final Map<String, String> env;
    private final List<String> errors = new ArrayList<>();
    private final Set<String> known = new TreeSet<>();

    private SettingsLoader(Map<String, String> env) {
        this.env = env;
    }

    static GatewaySettings load(Map<String, String> env) {
        SettingsLoader loader = new SettingsLoader(env);
        GatewaySettings settings = loader.build();
        loader.rejectUnknown();
        if (settings == null || !loader.errors.isEmpty()) {
            throw new SettingsException(loader.errors);
        }
        return settings;
    }

    /** Reads every setting, collecting all errors; null when any setting is invalid. */
    private GatewaySettings build() {
        int cores = Runtime.getRuntime().availableProcessors();
        String host = read("BULWARK_GW_HOST", "127.0.0.1", Function.identity());
        Integer port = read("BULWARK_GW_PORT", "8000", SettingsLoader::port);
        Integer statusPort = read("BULWARK_GW_STATUS_PORT", "8100", SettingsLoader::port);
        String redisUrl = read("BULWARK_REDIS_URL", "redis://127.0.0.1:6379", SettingsLoader::redisUrl);
        Boolean redisCluster = read("BULWARK_REDIS_CLUSTER", "false", SettingsLoader::bool);
        String redisKeyPrefix = read("BULWARK_GW_REDIS_KEY_PREFIX", "bw:", Function.identity());
        RedisTls redisTls = redisTls(redisUrl);
        Path snapshotFile = read("BULWARK_GW_SNAPSHOT_FILE", "", text -> text.isBlank() ? null : Path.of(text));
        Integer eventLoops = read("BULWARK_GW_EVENT_LOOPS", Integer.toString(cores), text -> bounded(text, 1, 256));
        NetworkTransport transport = read("BULWARK_GW_TRANSPORT", "auto",
                text -> NetworkTransport.valueOf(oneOf(text, "auto", "epoll", "io_uring", "nio").toUpperCase(java.util.Locale.ROOT)));
        // the former boolean still starts a gateway configured with it: false meant NIO
        if (Boolean.FALSE.equals(read("BULWARK_GW_NATIVE_TRANSPORT", "true", SettingsLoader::bool)) && transport == NetworkTransport.AUTO) {
            transport = NetworkTransport.NIO;
        }
        byte[] pepper = read("BULWARK_API_KEY_PEPPER", null, GatewaySettings::decodePepper);
        String environment = read("BULWARK_ENVIRONMENT", "production", Function.identity());
        Duration grace = read("BULWARK_GW_SHUTDOWN_GRACE_MS", "10000", text -> Duration.ofMillis(bounded(text, 0, 600_000)));
        String gatewayId = read("BULWARK_GW_ID", "gw-" + UUID.randomUUID().toString().substring(0, 8), Function.identity());
        Boolean http2 = read("BULWARK_GW_HTTP2", "true", SettingsLoader::bool);
        Duration poll = read("BULWARK_GW_SNAPSHOT_POLL_MS", "1000", text -> Duration.ofMillis(bounded(text, 50, 3_600_000)));
        TlsSettings tls = tls();
        String publicUrl = read("BULWARK_GW_PUBLIC_URL", "", SettingsLoader::publicUrl);
        UpstreamSettings upstream = upstream();
        EdgeSettings edge = edge();
        SyncSettings sync = sync();
        IntrospectionSecrets introspection = IntrospectionSecrets.read(env, errors);
        if (sync != null && sync.enabled() && snapshotFile != null) {
            errors.add("BULWARK_GW_SNAPSHOT_FILE and BULWARK_GW_CONTROL_PLANE_URL are exclusive: serve a file or sync with a control plane");
        }
        if (!errors.isEmpty()) {
            return null;
        }
        if (redisUrl != null && redisUrl.contains(",") && !Boolean.TRUE.equals(redisCluster)) {
            errors.add("BULWARK_REDIS_URL lists several servers: they are a cluster's seed nodes, set BULWARK_REDIS_CLUSTER=true");
        }
        if (!errors.isEmpty()) {
            return null;
        }
        if (publicUrl.isEmpty() && port != 0) {
            publicUrl = (tls.enabled() ? "https" : "http") + "://" + advertisedHost(host) + ":" + port;
        }
        return new GatewaySettings(host, port, statusPort, redisUrl, redisCluster, redisTls, redisKeyPrefix, snapshotFile, eventLoops,
                transport, pepper, environment, grace, gatewayId, http2, tls, upstream, poll, sync, edge,
                publicUrl.isEmpty() ? null : publicUrl, introspection);
    }

    /** An absolute http(s) URL without query or fragment, as callers should type it; no trailing slash. */
    private static String publicUrl(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return "";
        }
        java.net.URI uri = java.net.URI.create(trimmed);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null || trimmed.length() > 300) {
            throw new IllegalArgumentException("must be an http(s) URL such as https://api.example.com, without query or credentials");
        }
        return trimmed.replaceAll("/+$", "");
    }

    /** A wildcard listen address is no address to call: loopback then, which is right for ./bulwark up. */
    private static String advertisedHost(String host) {
        if (host.isBlank() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return "127.0.0.1";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Slow-client and flood limits of the traffic port (docs/gateway.md, "Defences and limits"). */
    private EdgeSettings edge() {
        EdgeSettings d = EdgeSettings.defaults();
        Integer header = read("BULWARK_GW_HEADER_TIMEOUT_MS", millis(d.headerTimeout()), text -> bounded(text, 100, 600_000));
        Integer idle = read("BULWARK_GW_IDLE_TIMEOUT_MS", millis(d.idleTimeout()), text -> bounded(text, 100, 3_600_000));
        Integer minRate = read("BULWARK_GW_BODY_MIN_RATE", Integer.toString(d.bodyMinBytesPerSecond()), text -> bounded(text, 0, 100_000_000));
        Integer rateWindow = read("BULWARK_GW_BODY_RATE_WINDOW_MS", millis(d.bodyRateWindow()), text -> bounded(text, 100, 600_000));
        Integer connections = read("BULWARK_GW_MAX_CONNECTIONS", Integer.toString(d.maxConnections()), text -> bounded(text, 1, 10_000_000));
        Integer perClient = read("BULWARK_GW_MAX_CONNECTIONS_PER_CLIENT", Integer.toString(d.maxConnectionsPerClient()),
                text -> bounded(text, 0, 10_000_000));
        Integer streams = read("BULWARK_GW_HTTP2_MAX_CONCURRENT_STREAMS", Integer.toString(d.http2MaxConcurrentStreams()),
                text -> bounded(text, 1, 10_000));
        Integer headerList = read("BULWARK_GW_HTTP2_MAX_HEADER_LIST_SIZE", Integer.toString(d.http2MaxHeaderListSize()),
                text -> bounded(text, 1_024, 1_048_576));
        Integer resets = read("BULWARK_GW_HTTP2_MAX_RESETS", Integer.toString(d.http2MaxResets()), text -> bounded(text, 1, 1_000_000));
        Integer control = read("BULWARK_GW_HTTP2_MAX_CONTROL_FRAMES", Integer.toString(d.http2MaxControlFrames()),
                text -> bounded(text, 1, 1_000_000));
        Integer floodWindow = read("BULWARK_GW_HTTP2_FLOOD_WINDOW_MS", millis(d.http2FloodWindow()),
                text -> bounded(text, 1_000, 600_000)); // Netty counts resets per whole second
        Boolean cleartext = read("BULWARK_GW_HTTP2_CLEARTEXT", Boolean.toString(d.http2Cleartext()), SettingsLoader::bool);
        if (cleartext == null || header == null || idle == null || minRate == null || rateWindow == null || connections == null || perClient == null
                || streams == null || headerList == null || resets == null || control == null || floodWindow == null) {
            return null;
        }
        return new EdgeSettings(Duration.ofMillis(header), Duration.ofMillis(idle), minRate, Duration.ofMillis(rateWindow),
                connections, perClient, streams, headerList, resets, control, Duration.ofMillis(floodWindow), cleartext);
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }

    private TlsSettings tls() {
        Path cert = read("BULWARK_GW_TLS_CERT_FILE", "", SettingsLoader::readableFile);
        Path key = read("BULWARK_GW_TLS_KEY_FILE", "", SettingsLoader::readableFile);
        List<String> protocols = read("BULWARK_GW_TLS_PROTOCOLS", "TLSv1.3,TLSv1.2", SettingsLoader::protocols);
        List<String> ciphers = read("BULWARK_GW_TLS_CIPHERS", "", SettingsLoader::list);
        TlsSettings.ClientAuthMode clientAuth = read("BULWARK_GW_TLS_CLIENT_AUTH", "none",
                text -> TlsSettings.ClientAuthMode.valueOf(oneOf(text, "none", "request", "require").toUpperCase(java.util.Locale.ROOT)));
        Path clientCa = read("BULWARK_GW_TLS_CLIENT_CA_FILE", "", SettingsLoader::readableFile);
        TlsSettings.Engine engine = read("BULWARK_GW_TLS_ENGINE", "openssl",
                text -> TlsSettings.Engine.valueOf(oneOf(text, "jdk", "openssl").toUpperCase(java.util.Locale.ROOT)));
        if ((cert == null) != (key == null) && errors.isEmpty()) {
            errors.add("BULWARK_GW_TLS_CERT_FILE and BULWARK_GW_TLS_KEY_FILE must be set together");
        }
        if (clientAuth != null && clientAuth != TlsSettings.ClientAuthMode.NONE && (cert == null || clientCa == null)) {
            errors.add("BULWARK_GW_TLS_CLIENT_AUTH=" + clientAuth + " needs BULWARK_GW_TLS_CERT_FILE and BULWARK_GW_TLS_CLIENT_CA_FILE");
        }
        return protocols == null || ciphers == null || clientAuth == null || engine == null ? null
                : new TlsSettings(cert, key, protocols, ciphers, clientAuth, clientCa, engine);
    }

    /** CA and client certificate of TLS to Redis; only meaningful, so only accepted, with rediss:// URLs. */
    private RedisTls redisTls(String redisUrl) {
        Path ca = read("BULWARK_REDIS_TLS_CA_FILE", "", SettingsLoader::readableFile);
        Path cert = read("BULWARK_REDIS_TLS_CERT_FILE", "", SettingsLoader::readableFile);
        Path key = read("BULWARK_REDIS_TLS_KEY_FILE", "", SettingsLoader::readableFile);
        if ((cert == null) != (key == null)) {
            errors.add("BULWARK_REDIS_TLS_CERT_FILE and BULWARK_REDIS_TLS_KEY_FILE must be set together");
            return null;
        }
        if ((ca != null || cert != null) && redisUrl != null && !redisUrl.trim().startsWith("rediss://")) {
            errors.add("BULWARK_REDIS_TLS_CA_FILE and BULWARK_REDIS_TLS_CERT_FILE need rediss:// URLs in BULWARK_REDIS_URL");
        }
        return new RedisTls(ca, cert, key);
    }

    private UpstreamSettings upstream() {
        Integer pool = read("BULWARK_GW_UPSTREAM_POOL_SIZE", "64", text -> bounded(text, 1, 10_000));
        Path ca = read("BULWARK_GW_UPSTREAM_CA_FILE", "", SettingsLoader::readableFile);
        Path cert = read("BULWARK_GW_UPSTREAM_CLIENT_CERT_FILE", "", SettingsLoader::readableFile);
        Path key = read("BULWARK_GW_UPSTREAM_CLIENT_KEY_FILE", "", SettingsLoader::readableFile);
        Boolean verifyHost = read("BULWARK_GW_UPSTREAM_VERIFY_HOST", "true", SettingsLoader::bool);
        Integer failures = read("BULWARK_GW_BREAKER_FAILURES", "5", text -> bounded(text, 1, 1_000));
        Integer openMillis = read("BULWARK_GW_BREAKER_OPEN_MS", "10000", text -> bounded(text, 10, 600_000));
        List<String> dnsServers = read("BULWARK_GW_UPSTREAM_DNS_SERVERS", "", SettingsLoader::dnsServers);
        List<Integer> breakerStatuses = read("BULWARK_GW_BREAKER_STATUSES", "502,503,504", SettingsLoader::breakerStatuses);
        Boolean http2 = read("BULWARK_GW_UPSTREAM_HTTP2", "true", SettingsLoader::bool);
        Integer http2Connections = read("BULWARK_GW_UPSTREAM_HTTP2_CONNECTIONS", "1", text -> bounded(text, 1, 100));
        if ((cert == null) != (key == null)) {
            errors.add("BULWARK_GW_UPSTREAM_CLIENT_CERT_FILE and BULWARK_GW_UPSTREAM_CLIENT_KEY_FILE must be set together");
        }
        return pool == null || verifyHost == null || failures == null || openMillis == null || dnsServers == null
                || breakerStatuses == null || http2 == null || http2Connections == null ? null
                : new UpstreamSettings(pool, ca, cert, key, verifyHost, failures, openMillis, dnsServers, breakerStatuses, http2,
                        http2Connections);
    }

    /** Upstream statuses that count as breaker failures: 5xx only (a 4xx is the client's doing); may be empty. */
    private static List<Integer> breakerStatuses(String text) {
        List<Integer> statuses = new ArrayList<>();
        for (String item : list(text)) {
            int status = bounded(item, 500, 599);
            if (!statuses.contains(status)) {
                statuses.add(status);
            }
        }
        return statuses;
    }

    private static Path readableFile(String text) {
        if (text.isBlank()) {
            return null;
        }
        Path path = Path.of(text.trim());
        if (!java.nio.file.Files.isReadable(path)) {
            throw new IllegalArgumentException("names no readable file: " + path);
        }
        return path;
    }

    private static List<String> list(String text) {
        List<String> items = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    /** "ip:port" entries: numeric, so resolving the DNS servers themselves needs no DNS. */
    private static List<String> dnsServers(String text) {
        List<String> servers = list(text);
        for (String server : servers) {
            int colon = server.lastIndexOf(':');
            String host = colon > 0 && server.indexOf(':') == colon ? server.substring(0, colon) : server;
            if (dev.bulwark.contracts.net.IpAddresses.parseNumeric(host) == null) {
                throw new IllegalArgumentException("needs numeric addresses (ip or ip:port): " + server);
            }
        }
        return servers;
    }

    private static List<String> protocols(String text) {
        List<String> protocols = list(text);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("needs at least one protocol");
        }
        for (String protocol : protocols) {
            oneOf(protocol, "TLSv1.2", "TLSv1.3");
        }
        return protocols;
    }

    private static String oneOf(String text, String... allowed) {
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(text.trim())) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("must be one of " + String.join(", ", allowed) + ", was '" + text + "'");
    }

    /** Control-plane sync and last-known-good file (dev.bulwark.dataplane.sync). */
    private SyncSettings sync() {
        URI controlPlane = read("BULWARK_GW_CONTROL_PLANE_URL", "", SyncSettingsReader::controlPlaneUrl);
        String credential = read("BULWARK_GW_CREDENTIAL", "", text -> text.isBlank() ? null : text.trim());
        Path lkgFile = read("BULWARK_GW_LKG_FILE", SyncSettingsReader.defaultLkgFile(env), Path::of);
        byte[] key = read("BULWARK_GW_LKG_KEY", "", text -> text.isBlank() ? null : SyncSettingsReader.key(text));
        byte[] keyFromFile = read("BULWARK_GW_LKG_KEY_FILE", "", text -> text.isBlank() ? null : SyncSettingsReader.keyFile(text));
        if (key != null && keyFromFile != null) {
            errors.add("BULWARK_GW_LKG_KEY and BULWARK_GW_LKG_KEY_FILE are exclusive; set one");
        }
        if (controlPlane != null && credential == null) {
            errors.add("BULWARK_GW_CREDENTIAL is required with BULWARK_GW_CONTROL_PLANE_URL");
        }
        Path ca = read("BULWARK_GW_CONTROL_PLANE_CA_FILE", "", SettingsLoader::readableFile);
        Path cert = read("BULWARK_GW_CONTROL_PLANE_CLIENT_CERT_FILE", "", SettingsLoader::readableFile);
        Path certKey = read("BULWARK_GW_CONTROL_PLANE_CLIENT_KEY_FILE", "", SettingsLoader::readableFile);
        if ((cert == null) != (certKey == null)) {
            errors.add("BULWARK_GW_CONTROL_PLANE_CLIENT_CERT_FILE and BULWARK_GW_CONTROL_PLANE_CLIENT_KEY_FILE must be set together");
        }
        if ((ca != null || cert != null) && (controlPlane == null || !"wss".equals(controlPlane.getScheme()))) {
            errors.add("BULWARK_GW_CONTROL_PLANE_CA_FILE and _CLIENT_CERT_FILE need a wss:// BULWARK_GW_CONTROL_PLANE_URL");
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new SyncSettings(controlPlane, credential, lkgFile, key != null ? key : keyFromFile, new SyncTls(ca, cert, certKey));
    }

    private <T> T read(String name, String defaultValue, Function<String, T> parse) {
        known.add(name);
        String text = env.get(name);
        if (text == null) {
            if (defaultValue == null) {
                errors.add(name + " is required");
                return null;
            }
            text = defaultValue;
        }
        try {
            return parse.apply(text);
        } catch (RuntimeException e) {
            errors.add(name + " " + (e.getMessage() == null ? "is invalid" : e.getMessage()));
            return null;
        }
    }

    private void rejectUnknown() {
        for (String name : new TreeSet<>(env.keySet())) {
            if (name.startsWith(PREFIX) && !known.contains(name)) {
                errors.add("unknown setting " + name + " (environment); known: " + known);
            }
        }
    }

    private static int port(String text) {
        return bounded(text, 0, 65_535);
    }

    private static int bounded(String text, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number, was '" + text + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    private static boolean bool(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException("must be true or false, was '" + text + "'");
        };
    }

    /** One URL, or a comma-separated list of a Redis Cluster's seed nodes. */
    private static String redisUrl(String text) {
        for (String url : text.split(",")) {
            String trimmed = url.trim();
            if (!trimmed.startsWith("redis://") && !trimmed.startsWith("rediss://")) {
                throw new IllegalArgumentException("must start with redis:// or rediss://");
            }
        }
        return text;
    }

}
