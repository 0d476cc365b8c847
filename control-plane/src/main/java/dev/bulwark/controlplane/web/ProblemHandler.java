package dev.bulwark.controlplane.web;

import dev.bulwark.controlplane.kernel.Problem;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.RequestIds;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Renders every {@link ProblemException} as problem+json. */
@Produces(Problem.MEDIA_TYPE)
@Singleton
@Requires(classes = {ProblemException.class, ExceptionHandler.class})
public class ProblemHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ProblemException exception) {
        Problem problem = Problem.of(exception, request.getPath(), RequestIds.of(request));
        return HttpResponse.<Problem>status(io.micronaut.http.HttpStatus.valueOf(exception.status()))
                .contentType(MediaType.of(Problem.MEDIA_TYPE))
                .body(problem);
    }
}
