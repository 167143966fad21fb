package com.allinone.commerce.standalone;

import com.allinone.commerce.axonconfig.store.NodeEnvironmentDefaults;
import com.allinone.commerce.axonconfig.web.NodeSecurityConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Standalone verifies tokens with a secret of its own when none is configured: generated once and kept in the data
 * folder, so tokens minted before a restart stay valid after it.
 */
public class StandaloneDefaults implements EnvironmentPostProcessor, Ordered {

    static final String SECRET_FILE = "dev-jwt-secret";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!"true".equals(environment.getProperty("commerce.dev.tokens-enabled"))
                || StringUtils.hasText(environment.getProperty(NodeSecurityConfiguration.JWT_SECRET))
                || StringUtils.hasText(environment.getProperty(NodeSecurityConfiguration.ISSUER_URI))) {
            return;
        }
        Path file = NodeEnvironmentDefaults.dataDir(environment).resolve(SECRET_FILE);
        environment.getPropertySources().addLast(new MapPropertySource("standaloneDevSecret",
                Map.of(NodeSecurityConfiguration.JWT_SECRET, readOrCreate(file))));
    }

    private static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.getParent());
            Files.writeString(file, secret, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data folder's own permissions apply.
            }
            return secret;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot keep the dev token secret in " + file, e);
        }
    }

    @Override
    public int getOrder() {
        // After NodeEnvironmentDefaults has settled the data folder.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
