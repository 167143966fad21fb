package com.allinone.commerce.standalone;

import com.allinone.commerce.api.common.InvalidValueException;
import com.allinone.commerce.axonconfig.web.NodeSecurityConfiguration;
import com.allinone.commerce.axonconfig.web.Problems;
import com.allinone.commerce.axonconfig.web.TokenClaims;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * {@code POST /dev/tokens}: mints a token so a newcomer can try the API with curl. Only standalone ships this class,
 * and only the explicit {@code commerce.dev.tokens-enabled} flag, which no other app sets, turns it on; it also needs
 * the secret the app verifies tokens with (with an issuer instead, the issuer mints the tokens).
 *
 * <p>It answers clients on this machine only: anyone who can mint an ADMIN token owns the shop. The check is on the
 * socket's peer, not on {@code getRemoteAddress()}, which a forwarded-headers setting would take from the request.
 */
@RestController
@ConditionalOnProperty(name = "commerce.dev.tokens-enabled", havingValue = "true")
@ConditionalOnProperty(name = NodeSecurityConfiguration.JWT_SECRET)
public class DevTokenController {

    public record TokenRequest(String subject, List<String> roles) {
    }

    private final JwtEncoder encoder;
    private final Duration lifetime;

    public DevTokenController(@Value("${" + NodeSecurityConfiguration.JWT_SECRET + "}") String secret,
                              @Value("${commerce.dev.token-lifetime:P7D}") Duration lifetime) {
        this.encoder = new NimbusJwtEncoder(
                new ImmutableSecret<>(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
        this.lifetime = lifetime;
    }

    @PostMapping(path = "/dev/tokens", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Map<String, String>> mint(@RequestBody Mono<TokenRequest> request, ServerHttpRequest http) {
        // Before the body is read, so a remote client learns nothing but the refusal.
        if (!isLoopback(peerOf(http))) {
            return Mono.error(notFromThisMachine());
        }
        return request.map(this::mint);
    }

    private Map<String, String> mint(TokenRequest request) {
        if (request.subject() == null || !request.subject().matches("[A-Za-z0-9._@-]{1,100}")) {
            throw new InvalidValueException("subject", "must be 1-100 letters, digits, '.', '_', '@' or '-'");
        }
        if (!isRoleList(request.roles())) {
            throw new InvalidValueException("roles", "must be a list of at least one of CUSTOMER, ADMIN, AUDITOR");
        }
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .subject(request.subject())
                .claim("roles", List.copyOf(request.roles()))
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return Map.of("token", token);
    }

    static boolean isRoleList(List<String> roles) {
        return roles != null && !roles.isEmpty()
                && roles.stream().allMatch(role -> role != null && TokenClaims.ROLES.contains(role));
    }

    /** Whether a connection comes from this machine: a resolved loopback address (127.0.0.0/8, ::1). */
    static boolean isLoopback(SocketAddress peer) {
        return peer instanceof InetSocketAddress socket && socket.getAddress() != null
                && socket.getAddress().isLoopbackAddress();
    }

    /** The TCP peer of the connection the request came on (the request's own idea of it only off Netty). */
    static SocketAddress peerOf(ServerHttpRequest request) {
        Object nativeRequest;
        try {
            nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        } catch (IllegalArgumentException | IllegalStateException noServer) {
            nativeRequest = null;
        }
        if (nativeRequest instanceof Connection connection) {
            return connection.channel().remoteAddress();
        }
        return request.getRemoteAddress();
    }

    private static ErrorResponseException notFromThisMachine() {
        return new ErrorResponseException(HttpStatus.FORBIDDEN, Problems.of(HttpStatus.FORBIDDEN,
                "dev-tokens-loopback-only", "Development tokens are only minted for clients on this machine"), null);
    }
}
