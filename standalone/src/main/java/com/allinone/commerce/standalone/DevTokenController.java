package com.allinone.commerce.standalone;

import com.allinone.commerce.api.common.InvalidValueException;
import com.allinone.commerce.axonconfig.web.NodeSecurityConfiguration;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /dev/tokens}: mints a token so a newcomer can try the API with curl. Only standalone ships this class,
 * and only the explicit {@code commerce.dev.tokens-enabled} flag, which no other app sets, turns it on.
 */
@RestController
@ConditionalOnProperty(name = "commerce.dev.tokens-enabled", havingValue = "true")
public class DevTokenController {

    public record TokenRequest(String subject, List<String> roles) {
    }

    private static final Set<String> ROLES = Set.of("CUSTOMER", "ADMIN", "AUDITOR");

    private final JwtEncoder encoder;
    private final Duration lifetime;

    public DevTokenController(@Value("${" + NodeSecurityConfiguration.JWT_SECRET + "}") String secret,
                              @Value("${commerce.dev.token-lifetime:P7D}") Duration lifetime) {
        this.encoder = new NimbusJwtEncoder(
                new ImmutableSecret<>(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
        this.lifetime = lifetime;
    }

    @PostMapping(path = "/dev/tokens", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, String> mint(@RequestBody TokenRequest request) {
        if (request.subject() == null || !request.subject().matches("[A-Za-z0-9._@-]{1,100}")) {
            throw new InvalidValueException("subject", "must be 1-100 letters, digits, '.', '_', '@' or '-'");
        }
        if (request.roles() == null || request.roles().isEmpty() || !ROLES.containsAll(request.roles())) {
            throw new InvalidValueException("roles", "must name at least one of " + ROLES);
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
}
