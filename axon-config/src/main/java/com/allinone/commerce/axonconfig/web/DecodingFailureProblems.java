package com.allinone.commerce.axonconfig.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Gives a problem body to the answers Reactor Netty and Spring's adapter send for a request they cannot read, before
 * any filter sees it: a request line longer than {@code server.netty.max-initial-line-length} (414), headers larger
 * than {@code server.max-http-request-header-size} (431), a header with a control character or any other malformed
 * HTTP (400), and a target that is not a URI (400). They are sent with an empty body and no {@code Content-Type}.
 *
 * <p>It sits in each connection's pipeline between Netty's HTTP codec and Reactor Netty's traffic handler. Reading,
 * it notes why the request could not be decoded and passes everything on untouched, so Reactor Netty still decides
 * what is answered and when (pipelining, {@code Connection: close}). Writing, it fills in the body of such a bare
 * refusal. Netty does not say which header it refused, so those problems name {@code headers}.
 */
final class DecodingFailureProblems extends ChannelDuplexHandler {

    static final String NAME = "commerce.decodingFailureProblems";

    private static final Set<HttpResponseStatus> BARE_REFUSALS = Set.of(HttpResponseStatus.BAD_REQUEST,
            HttpResponseStatus.REQUEST_URI_TOO_LONG, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);

    private final ProblemResponseWriter writer;
    private final long maxInitialLineLength;
    private final long maxHeaderSize;

    /** Why the last request could not be read, when it could not; its target and method otherwise. */
    private Throwable decodingFailure;
    private String target;
    private boolean head;

    DecodingFailureProblems(ProblemResponseWriter writer, long maxInitialLineLength, long maxHeaderSize) {
        this.writer = writer;
        this.maxInitialLineLength = maxInitialLineLength;
        this.maxHeaderSize = maxHeaderSize;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest request) {
            decodingFailure = null;
            target = request.uri();
            head = HttpMethod.HEAD.equals(request.method());
        }
        if (msg instanceof DecoderResultProvider decoded && decoded.decoderResult().isFailure()) {
            decodingFailure = decoded.decoderResult().cause();
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof FullHttpResponse response && isBareRefusal(response) && !head) {
            ProblemDetail problem = problemFor(response.status());
            decodingFailure = null;
            FullHttpResponse withBody = withBody(response, problem);
            ReferenceCountUtil.release(response);
            super.write(ctx, withBody, promise);
            return;
        }
        super.write(ctx, msg, promise);
    }

    private static boolean isBareRefusal(FullHttpResponse response) {
        return BARE_REFUSALS.contains(response.status()) && response.content().readableBytes() == 0
                && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE);
    }

    ProblemDetail problemFor(HttpResponseStatus status) {
        for (Throwable cause = decodingFailure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TooLongHttpLineException) {
                return uriTooLong();
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return headersTooLarge();
            }
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("header")) {
                return Problems.invalidField("headers", "a header name or value holds a character HTTP does not "
                        + "allow there (a control character such as NUL, CR, LF or DEL, or a space in a name)");
            }
        }
        if (status.equals(HttpResponseStatus.REQUEST_URI_TOO_LONG)) {
            return uriTooLong();
        }
        if (status.equals(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE)) {
            return headersTooLarge();
        }
        if (decodingFailure == null && !isUri(target)) {
            // Spring's adapter refuses a target java.net.URI cannot parse, with the same bare 400.
            return Problems.invalidField("uri", "is not a valid URI: characters such as space, '\"', '<', '>', "
                    + "'{', '}', '|', '\\\\', '^' and '`' must be percent-encoded, and '%' must start an escape");
        }
        return Problems.namingField(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", "request",
                "is not valid HTTP/1.1: its request line, a header or its chunked body could not be read");
    }

    private ProblemDetail uriTooLong() {
        return Problems.namingField(HttpStatus.URI_TOO_LONG, "uri-too-long", "URI Too Long", "uri",
                "the request line (method, path and query) must be at most " + maxInitialLineLength + " bytes");
    }

    private ProblemDetail headersTooLarge() {
        return Problems.namingField(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers-too-large",
                "Request Header Fields Too Large", "headers",
                "must be at most " + maxHeaderSize + " bytes together, the bearer token included");
    }

    private static boolean isUri(String target) {
        if (target == null) {
            return true;
        }
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private FullHttpResponse withBody(FullHttpResponse response, ProblemDetail problem) throws JsonProcessingException {
        byte[] body = writer.bytesOf(problem);
        FullHttpResponse withBody = new DefaultFullHttpResponse(response.protocolVersion(), response.status(),
                Unpooled.wrappedBuffer(body));
        withBody.headers().set(response.headers())
                .set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return withBody;
    }
}
