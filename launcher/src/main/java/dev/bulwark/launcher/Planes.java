package dev.bulwark.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts the control plane and a data plane as child JVMs from the built jars. */
final class Planes {
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private Planes() {
    }

    static Path controlPlaneJar(Path root) {
        return requireJar(root.resolve("control-plane/target/bulwark-control-plane.jar"));
    }

    static Path dataPlaneJar(Path root) {
        return requireJar(root.resolve("data-plane/target/bulwark-data-plane.jar"));
    }

    static ChildProcess startControlPlane(LaunchSettings settings, Map<String, String> environment, Path logs) {
        List<String> command = java(settings, List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC"), controlPlaneJar(settings.root()));
        ChildProcess process = ChildProcess.start("control plane", command, environment, logs.resolve("control-plane.log"), settings.root());
        process.awaitReady(() -> isReady("http://127.0.0.1:" + settings.controlPlanePort() + "/health/ready"), START_TIMEOUT);
        return process;
    }

    static ChildProcess startDataPlane(LaunchSettings settings, Map<String, String> environment, Path logs) {
        List<String> command = java(settings, List.of("-Xms128m", "-Xmx256m", "-XX:+UseParallelGC", "-XX:MetaspaceSize=128m"), dataPlaneJar(settings.root()));
        ChildProcess process = ChildProcess.start("data plane", command, environment, logs.resolve("data-plane.log"), settings.root());
        process.awaitReady(() -> isReady("http://127.0.0.1:" + settings.gatewayStatusPort() + "/health/ready"), START_TIMEOUT);
        return process;
    }

    static boolean isReady(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> java(LaunchSettings settings, List<String> options, Path jar) {
        List<String> command = new ArrayList<>();
        command.add(settings.javaCommand());
        command.addAll(options);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    private static Path requireJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new LaunchException(jar + " is missing; build with ./mvnw -DskipTests package (./bulwark up does it for you)");
        }
        return jar;
    }
}
