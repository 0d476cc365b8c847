package dev.bulwark.dataplane.proxy.edge;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.http.Http1ServerConfig;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.HttpServerConnection;
import io.vertx.core.http.impl.http1.VertxHttpRequestDecoder;

/**
 * Puts the {@link StrictRequestDecoder} in place of Vert.x's HTTP/1 decoder on a new connection.
 * Vert.x calls the server's connection handler while it sets the connection's pipeline up, before
 * the first request byte is decoded, so no request is ever read by the lenient decoder.
 */
public final class StrictDecoders {
    /** The name Vert.x gives its HTTP/1 request decoder in the channel pipeline. */
    static final String DECODER = "httpDecoder";

    private StrictDecoders() {
    }

    /** The decoder limits of {@code options} (line length, header size, chunk size), as Vert.x would use them. */
    public static Http1ServerConfig config(HttpServerOptions options) {
        return new Http1ServerConfig()
                .setMaxInitialLineLength(options.getMaxInitialLineLength())
                .setMaxHeaderSize(options.getMaxHeaderSize())
                .setMaxChunkSize(options.getMaxChunkSize())
                .setDecoderInitialBufferSize(options.getDecoderInitialBufferSize());
    }

    /**
     * Installs the strict decoder on an HTTP/1 connection; HTTP/2 connections have no such decoder.
     *
     * @return false when the connection cannot be made strict (the pipeline is not the one
     *         expected): the caller closes it rather than serve it leniently
     */
    public static boolean install(HttpConnection connection, Http1ServerConfig config, EdgeConnection edge) {
        if (!(connection instanceof HttpServerConnection internal)) {
            return false;
        }
        ChannelPipeline pipeline = internal.channelHandlerContext().pipeline();
        ChannelHandler current = pipeline.get(DECODER);
        if (current == null) {
            return pipeline.get(VertxHttpRequestDecoder.class) == null; // HTTP/2: nothing to replace
        }
        if (current instanceof StrictRequestDecoder) {
            return true;
        }
        if (!(current instanceof VertxHttpRequestDecoder)) {
            return false;
        }
        pipeline.replace(DECODER, DECODER, new StrictRequestDecoder(config, edge));
        return true;
    }
}
