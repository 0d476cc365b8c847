package dev.bulwark.dataplane.proxy;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServicesExtension.class)
class GracefulShutdownTest {

    @Test
    void requestInFlightCompletesWhileNewConnectionsAreRefused(TestRedis redis) throws Exception {
        Vertx vertx = Vertx.vertx();
        AtomicReference<HttpServerRequest> held = new AtomicReference<>();
        TestUpstream slow = TestUpstream.start(vertx, held::set);
        GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("slow", "/", slow.url())),
                Map.of("BULWARK_GW_SHUTDOWN_GRACE_MS", "10000"));
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(gateway.url("/slow"))).build(), HttpResponse.BodyHandlers.ofString());
            await().until(() -> held.get() != null);

            CompletableFuture<Void> stopped = gateway.gateway.stop().toCompletionStage().toCompletableFuture();
            await().untilAsserted(() -> assertThatThrownBy(() -> new Socket("127.0.0.1", gateway.port).close())
                    .isInstanceOf(ConnectException.class));
            assertThat(stopped).as("shutdown waits for the request in flight").isNotDone();
            assertThat(inFlight).isNotDone();

            held.get().response().end("finished late");
            assertThat(inFlight.get().statusCode()).isEqualTo(200);
            assertThat(inFlight.get().body()).isEqualTo("finished late");
            stopped.get();
        } finally {
            vertx.close().await();
        }
    }
}
