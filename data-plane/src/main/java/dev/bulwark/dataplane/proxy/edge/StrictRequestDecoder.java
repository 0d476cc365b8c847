package dev.bulwark.dataplane.proxy.edge;

import dev.bulwark.dataplane.pipeline.TransferCodings;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.http.Http1ServerConfig;
import io.vertx.core.http.impl.http1.VertxHttpRequestDecoder;
import java.util.List;

/**
 * Vert.x's HTTP/1 request decoder with the framing decided strictly, before anything reads the
 * request (RFC 9112; the http-desync-guardian classification):
 * <ul>
 *   <li>request line: exactly one space between method, target and version (a tab or a run of
 *       spaces is how a request line is read two ways); an empty target ({@code GET  HTTP/1.1}) is
 *       read as {@code /};</li>
 *   <li>{@code Transfer-Encoding}: a list of transfer codings (parameters ignored, {@code identity}
 *       dropped) that ends with exactly one {@code chunked}, rewritten canonically
 *       ({@code gzip, chunked}); anything else, with {@code Content-Length} too, or in HTTP/1.0 is
 *       refused;</li>
 *   <li>{@code Content-Length}: one value of 1-18 digits, rewritten without leading zeros.</li>
 * </ul>
 * A refusal is an {@link AmbiguousRequestException} thrown inside Netty's decoder, which turns it
 * into an invalid request: the server's invalid-request handler answers 400 and closes the
 * connection, and nothing after the refused head is read as a request.
 */
public final class StrictRequestDecoder extends VertxHttpRequestDecoder {
    /** Per request line: where the method ended, where the target ended, whether the target is empty. */
    private int methodEnd;
    private int targetEnd;
    private boolean emptyTarget;
    /** Told when a request head starts and ends (header timeout); null when nothing is timed. */
    private final EdgeConnection edge;
    private boolean awaitingHead = true;

    public StrictRequestDecoder(Http1ServerConfig config, EdgeConnection edge) {
        super(config);
        this.edge = edge;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        super.handlerAdded(ctx);
        if (edge != null) {
            edge.decoderContext = ctx;
        }
    }

    /** Decodes as Vert.x would, noting when a request head begins to arrive and when it is complete. */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (awaitingHead && edge != null && in.isReadable()) {
            edge.headStarted(System.nanoTime());
        }
        int before = out.size();
        super.decode(ctx, in, out);
        for (int i = before; i < out.size(); i++) {
            Object message = out.get(i);
            if (message instanceof HttpRequest) {
                awaitingHead = false;
                if (edge != null) {
                    edge.headEnded();
                }
            }
            if (message instanceof LastHttpContent) {
                awaitingHead = true;
            }
        }
    }

    @Override
    protected String splitFirstWordInitialLine(byte[] line, int start, int length) {
        methodEnd = start + length;
        emptyTarget = false;
        return super.splitFirstWordInitialLine(line, start, length);
    }

    @Override
    protected String splitSecondWordInitialLine(byte[] line, int start, int length) {
        int gap = start - methodEnd;
        if (gap == 2 && line[methodEnd] == ' ' && line[methodEnd + 1] == ' ') {
            emptyTarget = true; // "GET  HTTP/1.1": this word is the version, unless a third follows
        } else if (gap != 1 || line[methodEnd] != ' ') {
            throw new AmbiguousRequestException("request line separator is not a single space");
        }
        targetEnd = start + length;
        return super.splitSecondWordInitialLine(line, start, length);
    }

    @Override
    protected String splitThirdWordInitialLine(byte[] line, int start, int length) {
        if (emptyTarget || start - targetEnd != 1 || line[targetEnd] != ' ') {
            throw new AmbiguousRequestException("request line separator is not a single space");
        }
        return super.splitThirdWordInitialLine(line, start, length);
    }

    @Override
    protected HttpMessage createMessage(String[] initialLine) {
        if (emptyTarget) {
            if (!initialLine[2].isEmpty()) {
                throw new AmbiguousRequestException("request line separator is not a single space");
            }
            return super.createMessage(new String[] {initialLine[0], "/", initialLine[1]});
        }
        return super.createMessage(initialLine);
    }

    /** Called once the header section is read, before Netty decides the framing from it. */
    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage message) {
        HttpHeaders headers = message.headers();
        List<String> lengths = headers.getAll(HttpHeaderNames.CONTENT_LENGTH);
        List<String> codings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (!codings.isEmpty()) {
            if (!lengths.isEmpty()) {
                throw new AmbiguousRequestException("both Transfer-Encoding and Content-Length");
            }
            if (message.protocolVersion() != HttpVersion.HTTP_1_1) {
                throw new AmbiguousRequestException("Transfer-Encoding outside HTTP/1.1");
            }
            try {
                headers.set(HttpHeaderNames.TRANSFER_ENCODING, TransferCodings.canonical(codings));
            } catch (IllegalArgumentException e) {
                throw new AmbiguousRequestException(e.getMessage());
            }
        } else if (!lengths.isEmpty()) {
            if (lengths.size() != 1) {
                throw new AmbiguousRequestException("several Content-Length headers");
            }
            long length = TransferCodings.contentLength(lengths.getFirst());
            if (length < 0) {
                throw new AmbiguousRequestException("Content-Length is not a number");
            }
            String canonical = Long.toString(length);
            if (!canonical.equals(lengths.getFirst())) {
                headers.set(HttpHeaderNames.CONTENT_LENGTH, canonical);
            }
        }
        return super.isContentAlwaysEmpty(message);
    }
}
