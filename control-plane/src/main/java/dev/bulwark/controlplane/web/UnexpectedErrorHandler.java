package dev.bulwark.controlplane.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catch-all: anything no more specific handler claims. Known shapes (a wrapped problem, a
 * JSON error, an optimistic-lock failure) keep their status; the rest is a 500 logged here with
 * the request id and answered without internals.
 */
@Produces(Problem.MEDIA_TYPE)
@Singleton
public class UnexpectedErrorHandler implements ExceptionHandler<Throwable, HttpResponse<Problem>> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, Throwable exception) {
        ProblemException problem = ErrorClassifier.classify(500, exception);
        if (problem.status() >= 500) {
            LOG.error("request {} {} {} failed", RequestIds.of(request), request.getMethodName(), request.getPath(), exception);
        }
        return Problems.response(request, problem);
    }
}
