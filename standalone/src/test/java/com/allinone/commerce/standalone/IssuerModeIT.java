package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.clientOf;
import static com.allinone.commerce.standalone.CommerceApi.createProduct;
import static com.allinone.commerce.standalone.CommerceApi.expectProblem;
import static com.allinone.commerce.standalone.CommerceApi.newDataDir;
import static com.allinone.commerce.standalone.CommerceApi.newKey;
import static com.allinone.commerce.standalone.CommerceApi.newSku;
import static com.allinone.commerce.standalone.CommerceApi.newSubject;
import static com.allinone.commerce.standalone.CommerceApi.orderBody;
import static com.allinone.commerce.standalone.CommerceApi.placeOrder;
import static com.allinone.commerce.standalone.CommerceApi.postOrder;
import static com.allinone.commerce.standalone.CommerceApi.receiveStock;
import static com.allinone.commerce.standalone.CommerceApi.startStandalone;
import static org.assertj.core.api.Assertions.assertThat;

import com.allinone.commerce.api.common.FlowIds;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Tokens from an issuer ({@code SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI}) instead of a shared secret: a
 * local issuer (a JDK HTTP server with an OpenID configuration and a JWK set) signs RS256 tokens, and a standalone
 * app of the test's own trusts it. The same claim rules hold as with a secret, and {@code iss} must be that issuer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IssuerModeIT {

    private HttpServer issuerServer;
    private String issuer;
    private RSAKey signingKey;
    private JwtEncoder issuerSigner;
    private ConfigurableApplicationContext app;
    private WebTestClient web;
    private String sku;

    @BeforeAll
    void startAnIssuerAndAnAppThatTrustsIt() throws Exception {
        signingKey = new RSAKeyGenerator(2048).keyID("it-key-1").algorithm(JWSAlgorithm.RS256).generate();
        issuerServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + issuerServer.getAddress().getPort() + "/realm";
        serve("/realm/.well-known/openid-configuration", """
                {"issuer":"%s","jwks_uri":"%s/jwks","id_token_signing_alg_values_supported":["RS256"],
                 "subject_types_supported":["public"],"response_types_supported":["code"]}"""
                .formatted(issuer, issuer));
        serve("/realm/jwks", new JWKSet(signingKey.toPublicJWK()).toString());
        issuerServer.start();
        issuerSigner = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(signingKey)));

        app = startStandalone(newDataDir("issuer-"),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer,
                // As on a deployed node: the OpenAPI spec and Swagger UI for ADMIN only.
                "--commerce.openapi.public=false");
        web = clientOf(app);
        // What the refused orders would take if they got through.
        sku = newSku();
        createProduct(web, issued(newSubject(), "ADMIN"), sku, 10_000);
        receiveStock(web, issued(newSubject(), "ADMIN"), sku, 5);
    }

    private void serve(String path, String json) {
        issuerServer.createContext(path, exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException e) {
                exchange.close();
            }
        });
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (issuerServer != null) {
            issuerServer.stop(0);
        }
    }

    /** A token of the issuer: sub, exp, iss and roles, then whatever {@code change} does to the claims. */
    private String issued(String subject, List<String> roles, Consumer<Map<String, Object>> change) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plusSeconds(600))
                .claim("roles", roles);
        claims.claims(change);
        return issuerSigner.encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.RS256).keyId(signingKey.getKeyID()).build(), claims.build()))
                .getTokenValue();
    }

    private String issued(String subject, String... roles) {
        return issued(subject, List.of(roles), claims -> { });
    }

    /** A customer's order with a token the app must refuse for {@code claim}; nothing of it may be stored. */
    private void expectClaimRefused(String claim, Consumer<Map<String, Object>> change) {
        String customer = newSubject();
        String key = newKey();
        String token = issued(customer, List.of("CUSTOMER"), change);

        Map<String, Object> problem = expectProblem(postOrder(web, token, key, orderBody(sku, 1)),
                HttpStatus.UNAUTHORIZED);

        assertThat(problem).as("problem %s", problem)
                .containsEntry("type", "/problems/unauthorized")
                .containsEntry("field", claim);
        assertThat(CommerceApi.eventsOf(app, FlowIds.orderId(customer, key))).isEmpty();
        assertThat(CommerceApi.stockOf(app, sku).held()).as("units held of %s", sku).isZero();
    }

    @Test
    void tokensOfTheIssuerWork() {
        String otherSku = newSku();
        createProduct(web, issued(newSubject(), "ADMIN"), otherSku, 10_000);
        receiveStock(web, issued(newSubject(), "ADMIN"), otherSku, 3);
        String customer = newSubject();

        placeOrder(web, customer, issued(customer, "CUSTOMER"), newKey(), orderBody(otherSku, 1));
    }

    @Test
    void aTokenOfTheIssuerWithoutSubjectIsRefused() {
        expectClaimRefused("token.sub", claims -> claims.remove("sub"));
    }

    @Test
    void aTokenOfTheIssuerWithoutExpiryIsRefused() {
        expectClaimRefused("token.exp", claims -> claims.remove("exp"));
    }

    @Test
    void aTokenNamingAnotherIssuerOrNoneIsRefused() {
        expectClaimRefused("token.iss", claims -> claims.put("iss", "https://somebody-else.example"));
        expectClaimRefused("token.iss", claims -> claims.remove("iss"));
    }

    @Test
    void aTokenOfTheIssuerWithRolesThatAreNotRoleNamesIsRefused() {
        expectClaimRefused("token.roles", claims -> claims.put("roles", "CUSTOMER ADMIN"));
        expectClaimRefused("token.roles", claims -> claims.put("roles", List.of(123)));
        expectClaimRefused("token.roles", claims -> claims.remove("roles"));
    }

    @Test
    void aTokenSignedByAnotherKeyOrWithASecretIsRefused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(signingKey.getKeyID()).generate();
        String forged = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(stranger))).encode(
                JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId(stranger.getKeyID()).build(),
                        JwtClaimsSet.builder().issuer(issuer).subject(newSubject())
                                .expiresAt(Instant.now().plusSeconds(600)).claim("roles", List.of("ADMIN")).build()))
                .getTokenValue();
        byte[] secret = "a-shared-secret-that-is-at-least-32-bytes".getBytes(StandardCharsets.UTF_8);
        String hmac = new NimbusJwtEncoder(new ImmutableSecret<>(new SecretKeySpec(secret, "HmacSHA256"))).encode(
                JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(),
                        JwtClaimsSet.builder().issuer(issuer).subject(newSubject())
                                .expiresAt(Instant.now().plusSeconds(600)).claim("roles", List.of("ADMIN")).build()))
                .getTokenValue();

        for (String token : List.of(forged, hmac)) {
            Map<String, Object> problem = expectProblem(web.post().uri("/api/products")
                    .headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(CommerceApi.productBody(newSku(), 1_000))
                    .exchange(), HttpStatus.UNAUTHORIZED);
            assertThat(problem).containsEntry("type", "/problems/unauthorized").doesNotContainKey("field");
        }
    }

    @Test
    void onlyAdminsReadTheApiDocsOfANodeThatDoesNotMakeThemPublic() {
        for (String path : List.of("/v3/api-docs", "/swagger-ui.html", "/webjars/swagger-ui/index.html")) {
            expectProblem(web.get().uri(path).exchange(), HttpStatus.UNAUTHORIZED);
            expectProblem(web.get().uri(path).headers(h -> h.setBearerAuth(issued(newSubject(), "CUSTOMER", "AUDITOR")))
                    .exchange(), HttpStatus.FORBIDDEN);
        }
        web.get().uri("/v3/api-docs").headers(h -> h.setBearerAuth(issued(newSubject(), "ADMIN"))).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.components.securitySchemes.bearer-jwt.scheme").isEqualTo("bearer");
    }

    @Test
    void noDevelopmentTokensAreMintedWhenAnIssuerSignsThem() {
        // Without a secret of its own the app has nothing to sign them with: the endpoint does not exist.
        web.post().uri("/dev/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("subject", newSubject(), "roles", List.of("ADMIN")))
                .exchange()
                .expectStatus().isNotFound();
    }
}
