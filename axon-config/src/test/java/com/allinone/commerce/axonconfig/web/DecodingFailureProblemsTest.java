package com.allinone.commerce.axonconfig.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/** The handler between Netty's codec and Reactor Netty, fed the messages each of them would pass it. */
class DecodingFailureProblemsTest {

    /** Like the application's mapper: Spring's builder writes a problem's properties as top-level members. */
    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

    private final EmbeddedChannel channel = new EmbeddedChannel(
            new DecodingFailureProblems(new ProblemResponseWriter(JSON), 4096, 8192));

    @Test
    void aRequestLineTooLongGetsAUriTooLongProblem() throws Exception {
        read(failed(HttpMethod.GET, "/bad-request", new TooLongHttpLineException("An HTTP line is larger than 4096")));

        Map<String, Object> problem = answer(HttpResponseStatus.REQUEST_URI_TOO_LONG);

        assertThat(problem).containsEntry("type", "/problems/uri-too-long").containsEntry("status", 414)
                .containsEntry("field", "uri");
        assertThat((String) problem.get("detail")).contains("4096 bytes");
    }

    @Test
    void headersTooLargeGetAHeadersTooLargeProblem() throws Exception {
        read(failed(HttpMethod.GET, "/bad-request", new TooLongHttpHeaderException("HTTP header is larger than 8192")));

        Map<String, Object> problem = answer(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);

        assertThat(problem).containsEntry("type", "/problems/headers-too-large").containsEntry("field", "headers");
        assertThat((String) problem.get("detail")).contains("8192 bytes");
    }

    @Test
    void aProhibitedCharacterInAHeaderIsAnInvalidFieldAboutTheHeaders() throws Exception {
        read(failed(HttpMethod.GET, "/bad-request",
                new IllegalArgumentException("a header value contains prohibited character 0x0 at index 1")));

        assertThat(answer(HttpResponseStatus.BAD_REQUEST)).containsEntry("type", "/problems/invalid-field")
                .containsEntry("field", "headers");
    }

    @Test
    void anyOtherUnreadableRequestIsAMalformedRequest() throws Exception {
        read(failed(HttpMethod.GET, "/bad-request", new IllegalArgumentException("invalid version format: 9.9X")));

        assertThat(answer(HttpResponseStatus.BAD_REQUEST)).containsEntry("type", "/problems/malformed-request");
    }

    @Test
    void aTargetThatIsNotAUriIsAnInvalidFieldAboutTheUri() throws Exception {
        read(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/products/a{b}"));

        assertThat(answer(HttpResponseStatus.BAD_REQUEST)).containsEntry("field", "uri");
    }

    @Test
    void answersWithABodyOrAContentTypePassUntouched() {
        read(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/products/a{b}"));
        FullHttpResponse ours = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8));
        ours.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");

        channel.writeOutbound(ours);

        assertThat((Object) channel.readOutbound()).isSameAs(ours);
    }

    @Test
    void anAnswerToHeadGetsNoBody() {
        read(failed(HttpMethod.HEAD, "/bad-request", new IllegalArgumentException("a header value contains x")));
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST));

        FullHttpResponse sent = channel.readOutbound();
        assertThat(sent.content().readableBytes()).isZero();
    }

    private void read(FullHttpRequest request) {
        channel.writeInbound(request);
        FullHttpRequest passedOn = channel.readInbound();
        assertThat(passedOn).as("the request goes on to Reactor Netty untouched").isSameAs(request);
        passedOn.release();
    }

    private static FullHttpRequest failed(HttpMethod method, String uri, Exception cause) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_0, method, uri);
        request.setDecoderResult(DecoderResult.failure(cause));
        return request;
    }

    /** Sends the bare refusal Reactor Netty would send, and reads what goes out instead. */
    private Map<String, Object> answer(HttpResponseStatus status) throws Exception {
        FullHttpResponse bare = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        bare.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, "close");
        channel.writeOutbound(bare);
        FullHttpResponse sent = channel.readOutbound();
        try {
            assertThat(sent.status()).isEqualTo(status);
            assertThat(sent.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/problem+json");
            assertThat(sent.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
            byte[] body = new byte[sent.content().readableBytes()];
            sent.content().readBytes(body);
            assertThat(sent.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(body.length);
            @SuppressWarnings("unchecked")
            Map<String, Object> problem = JSON.readValue(body, Map.class);
            assertThat(problem).containsEntry("status", status.code()).containsKey("title").containsKey("detail");
            return problem;
        } finally {
            sent.release();
        }
    }
}
