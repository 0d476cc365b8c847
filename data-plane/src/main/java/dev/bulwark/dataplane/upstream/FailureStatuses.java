package dev.bulwark.dataplane.upstream;

import java.util.List;

/** The upstream response statuses that count as a breaker failure (5xx only: a 4xx is the client's doing). */
public final class FailureStatuses {
    private final boolean[] failing = new boolean[100];

    public FailureStatuses(List<Integer> statuses) {
        for (int status : statuses) {
            if (status < 500 || status > 599) {
                throw new IllegalArgumentException("only 5xx statuses count as upstream failures, got " + status);
            }
            failing[status - 500] = true;
        }
    }

    public static FailureStatuses defaults() {
        return new FailureStatuses(List.of(502, 503, 504));
    }

    public boolean failed(int status) {
        return status >= 500 && status <= 599 && failing[status - 500];
    }
}
