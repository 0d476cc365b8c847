package dev.bulwark.dataplane.policy.ratelimit;

import dev.bulwark.contracts.policy.LimitKey;
import dev.bulwark.dataplane.model.Consumer;
import dev.bulwark.dataplane.model.RequestContext;

/**
 * Whom a request is counted against. A request that lacks what the policy keys on (no consumer
 * because the API has no authentication, no such header) is counted against its client IP, never
 * left uncounted.
 */
public final class LimitSubjects {
    private LimitSubjects() {
    }

    public static String of(RequestContext context, LimitKey keyBy, String headerName) {
        Consumer consumer = context.consumer();
        switch (keyBy) {
            case APPLICATION -> {
                if (consumer != null && consumer.applicationId() != null) {
                    return "app:" + consumer.applicationId();
                }
            }
            case API_KEY -> {
                if (consumer != null && consumer.keyId() != null) {
                    return "key:" + consumer.keyId();
                }
                if (consumer != null && consumer.subject() != null) {
                    return "sub:" + consumer.subject();
                }
            }
            case HEADER -> {
                String value = context.request().getHeader(headerName);
                if (value != null && !value.isEmpty()) {
                    return "hdr:" + value;
                }
            }
            case IP -> {
                // falls through to the client address below
            }
        }
        return "ip:" + context.clientIp();
    }
}
