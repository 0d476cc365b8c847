package dev.bulwark.controlplane.web;

import io.micronaut.http.body.ByteBody;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Holds a chunked request body (one without Content-Length) to a route's limit while it arrives.
 * The body is split: this side counts the bytes and sets the pace (the route's side keeps what
 * arrives until the route reads it), and stops reading the moment the count passes the limit, so a
 * 2 MB route never takes in more than 2 MB plus one chunk. Without it Micronaut would buffer a
 * chunked body up to its largest limit (the OpenAPI document routes') on every route.
 */
final class ChunkedBodyLimit {
    private ChunkedBodyLimit() {
    }

    /**
     * Completes with true as soon as more than {@code limit} bytes arrived, false when the body ended
     * within it, and exceptionally when the body could not be read.
     */
    static CompletableFuture<Boolean> exceeds(ByteBody body, long limit) {
        CompletableFuture<Boolean> verdict = new CompletableFuture<>();
        body.split(ByteBody.SplitBackpressureMode.FASTEST).toByteArrayPublisher().subscribe(new Subscriber<>() {
            private Subscription subscription;
            private long seen;

            @Override
            public void onSubscribe(Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(byte[] chunk) {
                seen += chunk.length;
                if (seen > limit && verdict.complete(true)) {
                    subscription.cancel();
                }
            }

            @Override
            public void onError(Throwable failure) {
                // A body that cannot be read (undecodable Content-Encoding, Micronaut's largest limit, a
                // broken connection) fails the request here, so the error handler answers it by its cause.
                verdict.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                verdict.complete(false);
            }
        });
        return verdict;
    }
}
