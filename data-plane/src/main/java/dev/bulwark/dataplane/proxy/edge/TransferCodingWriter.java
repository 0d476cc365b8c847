package dev.bulwark.dataplane.proxy.edge;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.impl.HttpClientConnection;
import java.util.Map;

/**
 * Lets a request body keep its transfer codings on the way upstream. Vert.x's HTTP/1 client always
 * writes {@code Transfer-Encoding: chunked} for a streamed body, so a body the client sent as
 * {@code gzip, chunked} would reach the upstream still gzip-coded but labelled plain chunked. The
 * proxy names the codings in {@link #MARKER} (an {@code X-Bulwark-*} header, which clients can
 * never send); this handler, just before the upstream connection's HTTP encoder, moves them into
 * {@code Transfer-Encoding}. The list still ends with {@code chunked}, so the encoder still chunks.
 */
@ChannelHandler.Sharable
public final class TransferCodingWriter extends ChannelOutboundHandlerAdapter {
    /** Carries the canonical coding list from the proxy to this handler. */
    public static final String MARKER = "x-bulwark-transfer-codings";
    private static final String NAME = "bulwarkTransferCodings";
    private static final TransferCodingWriter INSTANCE = new TransferCodingWriter();

    private TransferCodingWriter() {
    }

    /** Adds the writer to an upstream HTTP/1 connection once; false when the connection is not one. */
    public static boolean install(HttpConnection connection) {
        if (!(connection instanceof HttpClientConnection internal)) {
            return false;
        }
        ChannelPipeline pipeline = internal.channelHandlerContext().pipeline();
        if (pipeline.get(NAME) != null) {
            return true;
        }
        for (Map.Entry<String, ChannelHandler> handler : pipeline) {
            if (handler.getValue() instanceof HttpClientCodec || handler.getValue() instanceof HttpRequestEncoder) {
                pipeline.addAfter(handler.getKey(), NAME, INSTANCE); // writes pass through it before the encoder
                return true;
            }
        }
        return false;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpRequest request) {
            String codings = request.headers().get(MARKER);
            if (codings != null) {
                request.headers().remove(MARKER);
                request.headers().set(HttpHeaderNames.TRANSFER_ENCODING, codings);
            }
        }
        ctx.write(msg, promise);
    }
}
