package com.allinone.commerce.axonconfig.web;

import com.allinone.commerce.axonconfig.openapi.ApiDocsAccess;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.actuate.autoconfigure.security.reactive.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.reactive.ReactiveSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import org.springframework.security.oauth2.jwt.SupplierReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.util.StringUtils;

/**
 * Every node is a JWT resource server (DESIGN §7): roles CUSTOMER, ADMIN, AUDITOR from the {@code roles} claim, the
 * customer is the token's {@code sub}; {@link TokenClaims} refuses tokens without them, or without {@code exp}. Tokens are checked against a shared HMAC secret ({@code JWT_SECRET}) or an
 * issuer ({@code SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI}); a node with neither refuses to start rather
 * than serve an API nobody can call or, worse, everybody can. Which role may call what is declared on the endpoints
 * themselves ({@code @PreAuthorize}).
 */
@AutoConfiguration(before = {ReactiveOAuth2ResourceServerAutoConfiguration.class,
        ReactiveSecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableWebFluxSecurity
@EnableReactiveMethodSecurity
public class NodeSecurityConfiguration {

    public static final String JWT_SECRET = "jwt.secret";
    public static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    private static final int MIN_SECRET_BYTES = 32;

    @Bean
    public ProblemResponseWriter problemResponseWriter(ObjectMapper objectMapper) {
        return new ProblemResponseWriter(objectMapper);
    }

    @Bean
    public ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    /**
     * No observations of Spring Security's own: with Micrometer present it observes every filter of the chain, every
     * authentication and every authorization, which cost a product page more than its own work (measured with an
     * async-profiler here). The HTTP server's observation already times and traces each request, 401s and 403s
     * included.
     */
    @Bean
    public SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    public SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, ProblemResponseWriter problems,
                                              Environment environment) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // Stateless: no request is saved for a login that never comes. The default cache looked up (and so
                // created) a web session on every request, measured on the storefront's hottest reads.
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .authorizeExchange(exchanges -> exchanges
                        // Health and its probes for anyone (bare UP/DOWN unless ADMIN, see HealthDefaults); every
                        // other actuator endpoint, on whatever path or port management serves it, for ADMIN only.
                        .matchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .matchers(ManagementPortScrapes.matcher(environment)).permitAll()
                        .matchers(EndpointRequest.toAnyEndpoint()).hasRole("ADMIN")
                        .pathMatchers("/dev/tokens").permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/products", "/api/products/**").permitAll()
                        // OpenAPI spec and Swagger UI: ADMIN, or anybody where commerce.openapi.public (standalone)
                        .pathMatchers(ApiDocsAccess.PATHS).access(ApiDocsAccess.rule(environment))
                        .anyExchange().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(TokenClaims::authenticate))
                        .authenticationEntryPoint(problems.unauthorized())
                        .accessDeniedHandler(problems.forbidden()))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(problems.unauthorized())
                        .accessDeniedHandler(problems.forbidden()))
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    public ReactiveJwtDecoder jwtDecoder(Environment environment) {
        String secret = environment.getProperty(JWT_SECRET);
        if (StringUtils.hasText(secret)) {
            byte[] key = secret.getBytes(StandardCharsets.UTF_8);
            if (key.length < MIN_SECRET_BYTES) {
                throw new IllegalStateException("JWT_SECRET must be at least " + MIN_SECRET_BYTES + " bytes for HS256");
            }
            NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                    .withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
                    .macAlgorithm(MacAlgorithm.HS256)
                    .build();
            decoder.setJwtValidator(TokenClaims.validator());
            return decoder;
        }
        String issuer = environment.getProperty(ISSUER_URI);
        if (StringUtils.hasText(issuer)) {
            // Resolved on first use, so a node can start while the issuer is still coming up.
            return new SupplierReactiveJwtDecoder(() -> {
                NimbusReactiveJwtDecoder decoder =
                        (NimbusReactiveJwtDecoder) ReactiveJwtDecoders.fromIssuerLocation(issuer);
                    decoder.setJwtValidator(TokenClaims.validator(issuer));
                return decoder;
            });
        }
        throw new IllegalStateException("No way to verify tokens: set JWT_SECRET (HMAC, at least 32 bytes) or "
                + "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI");
    }
}
