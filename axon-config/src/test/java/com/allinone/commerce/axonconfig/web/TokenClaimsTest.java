package com.allinone.commerce.axonconfig.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;

/**
 * Tokens signed with the right secret but saying the wrong thing, through the same decoder and converter the nodes
 * use: each is refused with an {@link AuthenticationException} (the 401 entry point's business) naming its claim.
 */
class TokenClaimsTest {

    private static final String SECRET = "a-test-secret-that-is-at-least-32-bytes-long";

    private final JwtReactiveAuthenticationManager manager = manager();

    private static JwtReactiveAuthenticationManager manager() {
        ReactiveJwtDecoder decoder = new NodeSecurityConfiguration()
                .jwtDecoder(new MockEnvironment().withProperty(NodeSecurityConfiguration.JWT_SECRET, SECRET));
        JwtReactiveAuthenticationManager manager = new JwtReactiveAuthenticationManager(decoder);
        manager.setJwtAuthenticationConverter(TokenClaims::authenticate);
        return manager;
    }

    /** Signs a raw JSON payload, so shapes no well-behaved encoder would produce can be tried. */
    static String signed(String payloadJson) {
        try {
            JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload(payloadJson));
            jws.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long inAnHour() {
        return Instant.now().plusSeconds(3600).getEpochSecond();
    }

    private Authentication authenticate(String payloadJson) {
        return manager.authenticate(new BearerTokenAuthenticationToken(signed(payloadJson))).block();
    }

    /** Answers the claim the refusal names, failing if the token was accepted or refused some other way. */
    private Optional<String> refusedClaim(String payloadJson) {
        try {
            Authentication accepted = authenticate(payloadJson);
            throw new AssertionError("accepted " + payloadJson + " as " + accepted);
        } catch (AuthenticationException refused) {
            assertThat(refused).as("refusal of %s", payloadJson).isInstanceOf(InvalidBearerTokenException.class);
            return TokenClaims.invalidClaimOf(refused).map(TokenClaims.InvalidClaim::field);
        }
    }

    @Test
    void aTokenWithSubjectExpiryAndKnownRolesAuthenticatesItsSubjectWithThoseRoles() {
        Authentication user = authenticate("""
                {"sub":"alice","exp":%d,"roles":["CUSTOMER","AUDITOR","CUSTOMER"]}""".formatted(inAnHour()));

        assertThat(user.getName()).isEqualTo("alice");
        assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_CUSTOMER", "ROLE_AUDITOR");
    }

    @Test
    void aTokenWithoutSubjectIsRefusedNamingSub() {
        assertThat(refusedClaim("""
                {"exp":%d,"roles":["CUSTOMER"]}""".formatted(inAnHour()))).contains("token.sub");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"   \"", "\" alice\"", "\"al\\u0000ice\"", "\"al\\u202eice\""})
    void aSubjectThatCannotNameACustomerIsRefused(String sub) {
        assertThat(refusedClaim("""
                {"sub":%s,"exp":%d,"roles":["CUSTOMER"]}""".formatted(sub, inAnHour()))).contains("token.sub");
    }

    @Test
    void aSubjectLongerThanAnIdMayBeIsRefused() {
        assertThat(refusedClaim("""
                {"sub":"%s","exp":%d,"roles":["CUSTOMER"]}""".formatted("a".repeat(101), inAnHour())))
                .contains("token.sub");
    }

    @Test
    void aTokenWithoutExpiryIsRefusedNamingExp() {
        assertThat(refusedClaim("""
                {"sub":"alice","roles":["CUSTOMER"]}""")).contains("token.exp");
    }

    @Test
    void anExpiredTokenIsRefusedNamingExp() {
        long anHourAgo = Instant.now().minusSeconds(3600).getEpochSecond();
        assertThat(refusedClaim("""
                {"sub":"alice","exp":%d,"roles":["CUSTOMER"]}""".formatted(anHourAgo))).contains("token.exp");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"CUSTOMER ADMIN\"", "\"ADMIN\"", "[123]", "[[\"ADMIN\"]]", "[null]", "[\"CUSTOMER\",null]", "[]",
            "[\"ROOT\"]", "[\"CUSTOMER\",\"ROOT\"]", "[\"admin\"]", "{\"ADMIN\":true}", "true", "null"})
    void rolesThatAreNotAnArrayOfKnownRoleNamesAreRefusedNamingRoles(String roles) {
        assertThat(refusedClaim("""
                {"sub":"alice","exp":%d,"roles":%s}""".formatted(inAnHour(), roles))).contains("token.roles");
    }

    @Test
    void aTokenWithoutRolesIsRefusedNamingRoles() {
        assertThat(refusedClaim("""
                {"sub":"alice","exp":%d}""".formatted(inAnHour()))).contains("token.roles");
    }

    /**
     * The JWT library refuses these while parsing the payload: a 401 that does not name a claim, never a 500. (It
     * reads a numeric {@code sub} as its decimal string, which names a subject like any other.)
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"sub\":[\"alice\"],\"exp\":%d,\"roles\":[\"CUSTOMER\"]}",
            "{\"sub\":{\"id\":\"alice\"},\"exp\":%d,\"roles\":[\"CUSTOMER\"]}",
            "{\"sub\":true,\"exp\":%d,\"roles\":[\"CUSTOMER\"]}",
            "{\"sub\":\"alice\",\"exp\":\"tomorrow\",\"roles\":[\"CUSTOMER\"],\"x\":%d}"})
    void claimsOfTheWrongJsonTypeAreRefusedAsMalformed(String payload) {
        assertThat(refusedClaim(payload.formatted(inAnHour()))).isEmpty();
    }

    @Test
    void aTokenOfAnotherIssuerIsRefusedNamingIssWhenAnIssuerIsTrusted() {
        var validator = TokenClaims.validator("https://issuer.example");
        var jwt = org.springframework.security.oauth2.jwt.Jwt.withTokenValue("t").header("alg", "RS256")
                .subject("alice").expiresAt(Instant.now().plusSeconds(60)).claim("iss", "https://other.example")
                .build();

        var result = validator.validate(jwt);

        assertThat(result.hasErrors()).isTrue();
        assertThat(result.getErrors()).first().extracting(e -> e.getDescription()).asString().startsWith("token.iss:");
    }
}
