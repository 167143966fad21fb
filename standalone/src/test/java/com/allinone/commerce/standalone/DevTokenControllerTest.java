package com.allinone.commerce.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.allinone.commerce.api.common.InvalidValueException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/** Who may mint a development token, decided without a server: integration tests can only connect from loopback. */
class DevTokenControllerTest {

    private final DevTokenController controller =
            new DevTokenController("a-test-secret-that-is-at-least-32-bytes-long", Duration.ofMinutes(5));

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.10.20.30", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"})
    void clientsOnThisMachineAreLoopback(String address) {
        assertThat(DevTokenController.isLoopback(new InetSocketAddress(address, 40_000))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.5", "192.168.1.20", "203.0.113.9", "0.0.0.0", "::", "fe80::1",
            "::ffff:10.0.0.5", "2001:db8::1"})
    void clientsElsewhereAreNot(String address) {
        assertThat(DevTokenController.isLoopback(new InetSocketAddress(address, 40_000))).isFalse();
    }

    @Test
    void anUnknownOrUnresolvedPeerIsNotLoopback() {
        assertThat(DevTokenController.isLoopback(null)).isFalse();
        // A name is not an address: "localhost" as a string proves nothing about the connection.
        assertThat(DevTokenController.isLoopback(InetSocketAddress.createUnresolved("localhost", 40_000))).isFalse();
    }

    @Test
    void aRemoteClientIsRefusedWithAProblemBeforeItsBodyIsRead() {
        var request = MockServerHttpRequest.post("/dev/tokens")
                .remoteAddress(new InetSocketAddress("203.0.113.9", 40_000)).build();
        Mono<DevTokenController.TokenRequest> body = Mono.error(new AssertionError("the body was read"));

        assertThatThrownBy(() -> controller.mint(body, request).block())
                .isInstanceOfSatisfying(ErrorResponseException.class, refused -> {
                    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
                    assertThat(refused.getBody().getType()).hasToString("/problems/dev-tokens-loopback-only");
                });
    }

    @Test
    void aLoopbackClientGetsAToken() {
        var request = MockServerHttpRequest.post("/dev/tokens")
                .remoteAddress(new InetSocketAddress("127.0.0.1", 40_000)).build();

        var answer = controller.mint(Mono.just(new DevTokenController.TokenRequest("alice", List.of("CUSTOMER"))),
                request).block();

        assertThat(answer).containsKey("token");
    }

    @Test
    void roleListsWithNullsUnknownNamesOrNothingAreRefusedNamingRoles() {
        var request = MockServerHttpRequest.post("/dev/tokens")
                .remoteAddress(new InetSocketAddress("127.0.0.1", 40_000)).build();
        for (List<String> roles : Arrays.<List<String>>asList(null, List.of(), Arrays.asList((String) null),
                Arrays.asList("CUSTOMER", null), List.of("ROOT"), List.of("admin"), List.of("CUSTOMER ADMIN"))) {
            Mono<DevTokenController.TokenRequest> body = Mono.just(new DevTokenController.TokenRequest("a", roles));
            assertThatThrownBy(() -> controller.mint(body, request).block()).as("roles %s", roles)
                    .isInstanceOfSatisfying(InvalidValueException.class,
                            refused -> assertThat(refused.field()).isEqualTo("roles"));
        }
    }
}
