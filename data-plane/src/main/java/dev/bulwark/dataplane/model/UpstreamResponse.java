package dev.bulwark.dataplane.model;

import io.vertx.core.MultiMap;

/**
 * The upstream's answer as response-body hooks see it, before anything is written to the client.
 *
 * @param status  the upstream's status, which the client gets unless a hook refuses the response
 * @param headers the headers about to be sent (hop-by-hop ones already removed); hooks may change them,
 *                e.g. the Content-Type of a body they replace. Content-Length is set by the proxy.
 */
public record UpstreamResponse(int status, MultiMap headers) {
}
