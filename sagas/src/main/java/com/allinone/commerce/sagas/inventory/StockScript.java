package com.allinone.commerce.sagas.inventory;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import reactor.core.publisher.Mono;

/**
 * One Lua script of the gate, called by SHA. The SHA is computed here, so the first call needs no round trip to load
 * it; a server that does not know the script (a restart, {@code SCRIPT FLUSH}) answers NOSCRIPT, and the script is
 * loaded and the call repeated once.
 */
final class StockScript {

    private final String name;
    private final String source;
    private final String sha;

    private StockScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    static StockScript load(String name) {
        String resource = "/stock/" + name + ".lua";
        try (InputStream in = StockScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing stock script " + resource);
            }
            return new StockScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    Mono<String> run(RedisReactiveCommands<String, String> redis, String[] keys, String... args) {
        return run(redis, ScriptOutputType.VALUE, keys, args);
    }

    <T> Mono<T> run(RedisReactiveCommands<String, String> redis, ScriptOutputType output, String[] keys,
                    String... args) {
        Mono<T> call = redis.<T>evalsha(sha, output, keys, args).next();
        return call.onErrorResume(RedisNoScriptException.class,
                noScript -> redis.scriptLoad(source).then(call));
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
