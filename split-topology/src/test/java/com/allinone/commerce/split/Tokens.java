package com.allinone.commerce.split;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 tokens signed with the topology's {@code JWT_SECRET}, as an identity provider would issue them (deployed nodes
 * have no {@code /dev/tokens}). Written by hand: signing one fixed header and claim set is a few lines with the JDK.
 */
final class Tokens {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final byte[] secret;

    Tokens(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    String mint(String subject, String role) {
        long now = Instant.now().getEpochSecond();
        String header = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String claims = encode("{\"sub\":\"" + subject + "\",\"roles\":[\"" + role + "\"],\"iat\":" + now
                + ",\"exp\":" + (now + 3600) + "}");
        return header + "." + claims + "." + sign(header + "." + claims);
    }

    private String sign(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return BASE64URL.encodeToString(mac.doFinal(content.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
