package dev.bulwark.dataplane.event;

import dev.bulwark.contracts.event.EndpointAggregate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One event loop's endpoint counters since its last flush: one mutable {@link Cell} per (minute,
 * tenant, API, endpoint, refused status, application, key, client address), found by open addressing over the
 * identifiers' hashes (no allocation once the cell exists). Bounded so a flood of addresses or made-up
 * paths cannot grow memory or the stream: at most {@code maxCells} cells per flush; past that a
 * request is counted without its consumer (application, key and address dropped) in up to
 * {@code reserve} more cells, and past those it is only counted as lost. Undeclared paths get at most
 * {@code maxUndeclaredPerApi} distinct labels per API and flush (a scanner of one API cannot take the
 * labels of the others), and at most {@code maxUndocumented} undeclared cells in all; the rest are
 * counted under {@link EndpointAggregate#OTHER}. Not thread-safe: one owner.
 */
final class EndpointTable {
    private static final long MINUTE_MILLIS = 60_000;

    static final class Cell {
        final long minute;
        final String tenantId;
        final String apiId;
        final String endpoint;
        final boolean documented;
        final boolean objectIds;
        final String applicationId;
        final String keyId;
        final String clientIp;
        final int refusedStatus;
        final int hash;
        long requests;
        long denied;
        long lastAtMillis;
        private int[] deniedIds;
        private int idCount;

        private Cell(long minute, String tenantId, String apiId, String endpoint, boolean documented, boolean objectIds,
                     String applicationId, String keyId, String clientIp, int refusedStatus, int hash) {
            this.minute = minute;
            this.tenantId = tenantId;
            this.apiId = apiId;
            this.endpoint = endpoint;
            this.documented = documented;
            this.objectIds = objectIds;
            this.applicationId = applicationId;
            this.keyId = keyId;
            this.clientIp = clientIp;
            this.refusedStatus = refusedStatus;
            this.hash = hash;
        }

        /** @param deniedId hash of the denied object's path, or 0 when the request was not denied upstream */
        void add(long nowMillis, boolean wasDenied, int deniedId) {
            requests++;
            if (nowMillis > lastAtMillis) {
                lastAtMillis = nowMillis;
            }
            if (!wasDenied) {
                return;
            }
            denied++;
            if (!objectIds) {
                return;
            }
            if (deniedIds == null) {
                deniedIds = new int[EndpointAggregate.MAX_IDS];
            }
            for (int i = 0; i < idCount; i++) {
                if (deniedIds[i] == deniedId) {
                    return;
                }
            }
            if (idCount < deniedIds.length) {
                deniedIds[idCount++] = deniedId;
            }
        }

        private boolean is(long minute, String tenantId, String apiId, String endpoint, boolean documented,
                           String applicationId, String keyId, String clientIp, int refusedStatus) {
            return this.minute == minute && this.documented == documented && this.refusedStatus == refusedStatus
                    && same(this.endpoint, endpoint)
                    && same(this.clientIp, clientIp) && same(this.keyId, keyId) && same(this.apiId, apiId)
                    && same(this.tenantId, tenantId) && same(this.applicationId, applicationId);
        }

        EndpointAggregate toAggregate() {
            List<String> ids = new ArrayList<>(idCount);
            for (int i = 0; i < idCount; i++) {
                ids.add(String.format("%08x", deniedIds[i]));
            }
            return new EndpointAggregate(Instant.ofEpochMilli(minute * MINUTE_MILLIS), Instant.ofEpochMilli(lastAtMillis),
                    tenantId, apiId, endpoint, documented, objectIds, applicationId, keyId, clientIp, requests, denied, ids,
                    refusedStatus);
        }
    }

    /** Receives the aggregates of a flush. */
    @FunctionalInterface
    interface Output {
        void accept(EndpointAggregate aggregate);
    }

    private final int maxCells;
    private final int reserve;
    private final int maxUndocumented;
    private final int maxUndeclaredPerApi;
    private Cell[] slots = new Cell[64];
    private int size;
    private int undocumented;
    private long lost;
    private long overflow;
    /** The undeclared labels each API was given this flush; allocated only for undeclared traffic. */
    private final Map<ApiKey, Set<String>> undeclared = new HashMap<>();

    private record ApiKey(String tenantId, String apiId) {
    }

    /**
     * @param maxCells            cells with a consumer per flush
     * @param reserve             further cells without one, once those are used up
     * @param maxUndocumented     cells holding undeclared paths per flush, all APIs together
     * @param maxUndeclaredPerApi distinct undeclared labels per API and flush
     */
    EndpointTable(int maxCells, int reserve, int maxUndocumented, int maxUndeclaredPerApi) {
        this.maxCells = maxCells;
        this.reserve = reserve;
        this.maxUndocumented = maxUndocumented;
        this.maxUndeclaredPerApi = maxUndeclaredPerApi;
    }

    /**
     * Counts one request; false when the table had no room for it (counted as lost).
     *
     * @param refusedStatus 0 when routed; the status the gateway refused an undeclared path with
     */
    boolean add(long epochMillis, String tenantId, String apiId, String endpoint, boolean documented, boolean objectIds,
                String applicationId, String keyId, String clientIp, boolean denied, int deniedId, int refusedStatus) {
        long minute = epochMillis / MINUTE_MILLIS;
        Cell cell = find(minute, tenantId, apiId, endpoint, documented, objectIds, applicationId, keyId, clientIp, refusedStatus,
                size < maxCells);
        if (cell == null) {
            // Full: keep the endpoint, drop who called it.
            cell = find(minute, tenantId, apiId, endpoint, documented, objectIds, null, null, null, refusedStatus,
                    size < maxCells + reserve);
        }
        if (cell == null) {
            lost++;
            return false;
        }
        cell.add(epochMillis, denied, deniedId);
        return true;
    }

    /**
     * The label to count an undeclared path of this API under in this flush: {@code label} when the API
     * already has it or may still get a new one, else {@link EndpointAggregate#OTHER} (counted as overflow).
     */
    String undeclaredLabel(String tenantId, String apiId, String label) {
        Set<String> labels = undeclared.computeIfAbsent(new ApiKey(tenantId, apiId), key -> new HashSet<>());
        if (labels.contains(label) || (labels.size() < maxUndeclaredPerApi && undocumented < maxUndocumented && labels.add(label))) {
            return label;
        }
        overflow++;
        return EndpointAggregate.OTHER;
    }

    private Cell find(long minute, String tenantId, String apiId, String endpoint, boolean documented, boolean objectIds,
                      String applicationId, String keyId, String clientIp, int refusedStatus, boolean mayCreate) {
        int hash = hash(minute, tenantId, apiId, endpoint, applicationId, keyId, clientIp, refusedStatus);
        int mask = slots.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            Cell cell = slots[i];
            if (cell == null) {
                if (!mayCreate) {
                    return null;
                }
                if (2 * (size + 1) > slots.length) {
                    grow();
                    return find(minute, tenantId, apiId, endpoint, documented, objectIds, applicationId, keyId, clientIp, refusedStatus,
                            true);
                }
                cell = new Cell(minute, tenantId, apiId, endpoint, documented, objectIds, applicationId, keyId, clientIp, refusedStatus,
                        hash);
                slots[i] = cell;
                size++;
                if (!documented) {
                    undocumented++;
                }
                return cell;
            }
            if (cell.hash == hash && cell.is(minute, tenantId, apiId, endpoint, documented, applicationId, keyId, clientIp,
                    refusedStatus)) {
                return cell;
            }
        }
    }

    int size() {
        return size;
    }

    /** Requests the bounds kept out since the table was made. */
    long lost() {
        return lost;
    }

    /** Undeclared requests counted under {@link EndpointAggregate#OTHER} since the table was made. */
    long overflow() {
        return overflow;
    }

    /** Hands every cell to {@code output} and empties the table. */
    void drain(Output output) {
        undeclared.clear();
        if (size == 0) {
            return;
        }
        for (Cell cell : slots) {
            if (cell != null) {
                output.accept(cell.toAggregate());
            }
        }
        Arrays.fill(slots, null);
        size = 0;
        undocumented = 0;
    }

    private void grow() {
        Cell[] old = slots;
        slots = new Cell[old.length * 2];
        int mask = slots.length - 1;
        for (Cell cell : old) {
            if (cell != null) {
                int i = cell.hash & mask;
                while (slots[i] != null) {
                    i = (i + 1) & mask;
                }
                slots[i] = cell;
            }
        }
    }

    private static int hash(long minute, String tenantId, String apiId, String endpoint, String applicationId, String keyId,
                            String clientIp, int refusedStatus) {
        int h = 31 * Long.hashCode(minute) + refusedStatus;
        h = 31 * h + (tenantId == null ? 0 : tenantId.hashCode());
        h = 31 * h + (apiId == null ? 0 : apiId.hashCode());
        h = 31 * h + (endpoint == null ? 0 : endpoint.hashCode());
        h = 31 * h + (applicationId == null ? 0 : applicationId.hashCode());
        h = 31 * h + (keyId == null ? 0 : keyId.hashCode());
        h = 31 * h + (clientIp == null ? 0 : clientIp.hashCode());
        return h ^ (h >>> 16);
    }

    private static boolean same(String a, String b) {
        return a == b || (a != null && a.equals(b));
    }
}
