package dev.bulwark.dataplane.policy.ratelimit;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script shipped as a class-path resource, run by EVALSHA. A Redis that does not know it yet
 * (restarted, flushed, failed over) answers NOSCRIPT; the call is then repeated once with EVAL,
 * which also caches the script server-side, so the next call is an EVALSHA again.
 */
public final class RedisScript {
    private final String text;
    private final String sha1;

    private RedisScript(String text) {
        this.text = text;
        this.sha1 = sha1(text);
    }

    public static RedisScript load(String resource) {
        try (InputStream in = RedisScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + resource);
            }
            return new RedisScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A script from text; for tests that need one Redis has never seen. */
    static RedisScript of(String text) {
        return new RedisScript(text);
    }

    public String sha1() {
        return sha1;
    }

    /**
     * Runs the script on one key; the reply is the script's array of integers. One key means one
     * hash slot, so the same call works on a single Redis and on a Redis Cluster (routed by the key).
     */
    public CompletionStage<List<Object>> run(RedisScriptingAsyncCommands<String, String> redis, String key, String... args) {
        return run(redis, new String[] {key}, args);
    }

    /** Runs the script on several keys; on a Redis Cluster they must share one hash slot. */
    public CompletionStage<List<Object>> run(RedisScriptingAsyncCommands<String, String> redis, String[] keys, String[] args) {
        CompletableFuture<List<Object>> result = new CompletableFuture<>();
        redis.<List<Object>>evalsha(sha1, ScriptOutputType.MULTI, keys, args).whenComplete((reply, error) -> {
            if (error == null) {
                result.complete(reply);
            } else if (isNoScript(error)) {
                redis.<List<Object>>eval(text, ScriptOutputType.MULTI, keys, args).whenComplete((again, failure) -> {
                    if (failure == null) {
                        result.complete(again);
                    } else {
                        result.completeExceptionally(failure);
                    }
                });
            } else {
                result.completeExceptionally(error);
            }
        });
        return result;
    }

    private static boolean isNoScript(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
        return cause instanceof RedisNoScriptException
                || (cause != null && cause.getMessage() != null && cause.getMessage().startsWith("NOSCRIPT"));
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
