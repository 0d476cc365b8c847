package dev.bulwark.controlplane.kernel;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/** Builds problem+json responses where no exception handler runs (filters). */
public final class Problems {
    public static final MediaType MEDIA_TYPE = MediaType.of(Problem.MEDIA_TYPE);

    private Problems() {
    }

    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, ProblemException e) {
        return HttpResponse.<Problem>status(HttpStatus.valueOf(e.status()))
                .contentType(MEDIA_TYPE)
                .body(Problem.of(e, request.getPath(), RequestIds.of(request)));
    }
}
