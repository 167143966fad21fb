package com.allinone.commerce.axonconfig.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

class RequestHeadCheckTest {

    private static final MultiValueMap<String, String> NO_PARAMETERS = new LinkedMultiValueMap<>();

    @ParameterizedTest
    @ValueSource(strings = {"Idempotency-Key", "Last-Event-ID", "Content-Type", "Authorization", "X-Anything"})
    void aC1ControlCharacterInAnyHeaderIsABadRequestNamingThatHeader(String name) {
        for (String value : new String[] {"\u0080", "a\u009fb", latin1("가"), latin1("一"), latin1("주문-가")}) {
            HttpHeaders headers = new HttpHeaders();
            headers.add(HttpHeaders.ACCEPT, "application/json");
            headers.add(name, value);

            ProblemDetail problem = RequestHeadCheck.problemWith(headers, NO_PARAMETERS).orElseThrow();

            assertThat(problem.getStatus()).isEqualTo(400);
            assertThat(String.valueOf(problem.getType())).isEqualTo("/problems/invalid-field");
            assertThat(problem.getProperties()).containsEntry("field", name);
            assertThat(problem.getDetail()).startsWith(name + ": ").doesNotContain(value);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\rb", "a\nb", "a\u007fb", "a\u001bb"})
    void anyOtherControlCharacterIsRefusedToo(String value) {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Idempotency-Key", value);

        assertThat(RequestHeadCheck.problemWith(headers, NO_PARAMETERS)).get()
                .extracting(p -> p.getProperties().get("field")).isEqualTo("Idempotency-Key");
    }

    @Test
    void aControlCharacterInAHeaderNameIsABadRequestAboutTheHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("X-\u0085", "a");

        assertThat(RequestHeadCheck.problemWith(headers, NO_PARAMETERS)).get()
                .extracting(p -> p.getProperties().get("field")).isEqualTo("headers");
    }

    @Test
    void aControlCharacterInAQueryParameterNameIsABadRequestAboutTheQuery() {
        MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
        parameters.add("a\u0001", "1");

        assertThat(RequestHeadCheck.problemWith(new HttpHeaders(), parameters)).get()
                .extracting(p -> p.getProperties().get("field")).isEqualTo("query");
    }

    @ParameterizedTest
    @ValueSource(strings = {"é/x", "garbage", "*/*;q=abc", "application/json;q=2", "application/"})
    void anAcceptHeaderThatIsNoMediaTypeIsNotAcceptableNamingIt(String accept) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.ACCEPT, accept);

        ProblemDetail problem = RequestHeadCheck.problemWith(headers, NO_PARAMETERS).orElseThrow();

        assertThat(problem.getStatus()).isEqualTo(HttpStatus.NOT_ACCEPTABLE.value());
        assertThat(String.valueOf(problem.getType())).isEqualTo("/problems/not-acceptable");
        assertThat(problem.getProperties()).containsEntry("field", "Accept");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "application/json;charset=nope", "application/json;q=abc", "/json"})
    void aContentTypeThatIsNoMediaTypeIsUnsupportedNamingIt(String contentType) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.CONTENT_TYPE, contentType);

        ProblemDetail problem = RequestHeadCheck.problemWith(headers, NO_PARAMETERS).orElseThrow();

        assertThat(problem.getStatus()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
        assertThat(String.valueOf(problem.getType())).isEqualTo("/problems/unsupported-media-type");
        assertThat(problem.getProperties()).containsEntry("field", "Content-Type");
    }

    @Test
    void anOrdinaryRequestPasses() {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.ACCEPT, "text/event-stream, application/json;q=0.9, */*;q=0.1");
        headers.add(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8");
        headers.add("Idempotency-Key", "order-1\tretry"); // a tab is allowed in a header value
        headers.add("User-Agent", "Zoë's client ©"); // Latin-1 letters are not control characters
        headers.add(HttpHeaders.AUTHORIZATION, "Bearer abc.def.ghi");
        MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
        parameters.add("category", "신발\u0001"); // values are the handler's business, as for the firewall

        assertThat(RequestHeadCheck.problemWith(headers, parameters)).isEqualTo(Optional.empty());
    }

    /** The header as Netty hands it over: each byte of the UTF-8 read as one ISO-8859-1 character. */
    private static String latin1(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
