package com.allinone.commerce.axonconfig.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * What a bearer token must say before any endpoint sees it (DESIGN §7): a {@code sub} (the customer every order is
 * keyed by), an {@code exp} (a token that never expires is never accepted), and a {@code roles} claim that is a JSON
 * array of known role names. Anything else is a 401 whose problem names the claim ({@code token.roles}); it never
 * reaches a controller, so no handler has to cope with a null subject or a role it does not know.
 *
 * <p>Both ways of verifying tokens (HMAC secret, issuer) apply the same rules: the signature and time checks come
 * from Spring's defaults, the rest from here.
 */
public final class TokenClaims {

    public static final String ROLES_CLAIM = "roles";
    /** Every role an endpoint checks; a token naming any other is refused rather than half-trusted. */
    public static final Set<String> ROLES = Set.of("CUSTOMER", "ADMIN", "AUDITOR");
    public static final int MAX_SUBJECT_LENGTH = 100;

    private static final String ROLE_PREFIX = "ROLE_";

    private TokenClaims() {
    }

    /** The validator for tokens checked with a shared secret. */
    public static OAuth2TokenValidator<Jwt> validator() {
        return new DelegatingOAuth2TokenValidator<>(required(), expiry(), JwtValidators.createDefault());
    }

    /** The validator for tokens of an issuer: the same rules, and {@code iss} must be that issuer. */
    public static OAuth2TokenValidator<Jwt> validator(String issuer) {
        return new DelegatingOAuth2TokenValidator<>(required(), expiry(),
                named("token.iss", "is not the issuer this API trusts", new JwtIssuerValidator(issuer)),
                JwtValidators.createDefaultWithIssuer(issuer));
    }

    /** Our named checks come first: the problem names the first of them that failed. */
    private static OAuth2TokenValidator<Jwt> required() {
        return new DelegatingOAuth2TokenValidator<>(
                named("token.sub", "must name the subject: 1-" + MAX_SUBJECT_LENGTH
                                + " characters, no control characters or surrounding spaces",
                        new JwtClaimValidator<Object>(JwtClaimNames.SUB, TokenClaims::isSubject)),
                named("token.exp", "is required: tokens must expire",
                        new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull)));
    }

    private static OAuth2TokenValidator<Jwt> expiry() {
        return named("token.exp", "the token has expired (or is not valid yet)", new JwtTimestampValidator());
    }

    static boolean isSubject(Object sub) {
        return sub instanceof String s && !s.isBlank() && s.length() <= MAX_SUBJECT_LENGTH && s.equals(s.strip())
                && s.codePoints().noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
    }

    /**
     * The authentication a valid token stands for: its subject, and one {@code ROLE_} authority per role. Refuses a
     * {@code roles} claim that is missing, empty, not an array, or names anything but a known role: a string such as
     * {@code "CUSTOMER ADMIN"} is not split, numbers and nested arrays are not stringified.
     */
    public static Mono<AbstractAuthenticationToken> authenticate(Jwt jwt) {
        return Mono.fromCallable(() -> new JwtAuthenticationToken(jwt, roles(jwt.getClaims().get(ROLES_CLAIM)),
                jwt.getSubject()));
    }

    static List<GrantedAuthority> roles(Object claim) {
        if (!(claim instanceof Collection<?> names) || names.isEmpty()
                || !names.stream().allMatch(name -> name instanceof String role && ROLES.contains(role))) {
            throw new InvalidClaim("token.roles", "must be an array of role names, each one of CUSTOMER, ADMIN or "
                    + "AUDITOR");
        }
        List<GrantedAuthority> authorities = new ArrayList<>(names.size());
        names.stream().distinct().forEach(role -> authorities.add(new SimpleGrantedAuthority(ROLE_PREFIX + role)));
        return authorities;
    }

    /**
     * The claim a refused token got wrong, as far as these rules know it: from the converter's own exception, or from
     * the first named error of a failed validation. Empty for tokens that are missing, malformed or badly signed.
     */
    public static Optional<InvalidClaim> invalidClaimOf(AuthenticationException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidClaim claim) {
                return Optional.of(claim);
            }
            if (t instanceof JwtValidationException validation) {
                return validation.getErrors().stream()
                        .filter(ClaimError.class::isInstance).map(ClaimError.class::cast).findFirst()
                        .map(error -> new InvalidClaim(error.field, error.reason));
            }
        }
        return Optional.empty();
    }

    /** Replaces a Spring validator's error with one that names the claim, in our words. */
    private static OAuth2TokenValidator<Jwt> named(String field, String reason, OAuth2TokenValidator<Jwt> check) {
        return jwt -> check.validate(jwt).hasErrors()
                ? OAuth2TokenValidatorResult.failure(new ClaimError(field, reason))
                : OAuth2TokenValidatorResult.success();
    }

    /**
     * A token whose claims break these rules: an {@link AuthenticationException}, so the security chain answers it
     * with its 401 entry point (not a 500, as a {@code ClassCastException} or an AuthenticationServiceException
     * would be).
     */
    public static final class InvalidClaim extends InvalidBearerTokenException {

        private final String field;
        private final String reason;

        InvalidClaim(String field, String reason) {
            super(field + ": " + reason);
            this.field = field;
            this.reason = reason;
        }

        /** The claim, as {@code token.<name>}. */
        public String field() {
            return field;
        }

        public String reason() {
            return reason;
        }
    }

    private static final class ClaimError extends OAuth2Error {

        private final String field;
        private final String reason;

        ClaimError(String field, String reason) {
            super(OAuth2ErrorCodes.INVALID_TOKEN, field + ": " + reason, null);
            this.field = field;
            this.reason = reason;
        }
    }
}
