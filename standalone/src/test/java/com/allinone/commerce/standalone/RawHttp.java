package com.allinone.commerce.standalone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP/1.1 written byte by byte over a plain socket, for the requests no HTTP client agrees to send: bytes 0x80 or
 * NUL in a header, TRACE, a 100 KB header, an encoded path. Every request asks the server to close the connection,
 * so an answer ends where the stream does.
 */
final class RawHttp {

    /** What came back: the status, the headers by lower-case name, the body as UTF-8. */
    record Answer(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final int port;
    private final Map<String, byte[]> headers = new LinkedHashMap<>();
    private String method = "GET";
    private byte[] target = "/".getBytes(StandardCharsets.US_ASCII);
    private byte[] body = new byte[0];

    private RawHttp(int port) {
        this.port = port;
    }

    static RawHttp to(int port) {
        return new RawHttp(port);
    }

    RawHttp request(String method, String target) {
        return request(method, target.getBytes(StandardCharsets.UTF_8));
    }

    RawHttp request(String method, byte[] target) {
        this.method = method;
        this.target = target;
        return this;
    }

    RawHttp header(String name, String value) {
        return header(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A header value exactly as these bytes, whatever they are. */
    RawHttp header(String name, byte[] value) {
        headers.put(name, value);
        return this;
    }

    RawHttp body(String json) {
        this.body = json.getBytes(StandardCharsets.UTF_8);
        return header("Content-Length", String.valueOf(body.length));
    }

    Answer send() {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes((method + " ").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(target);
        request.writeBytes(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n".getBytes(StandardCharsets.US_ASCII));
        headers.forEach((name, value) -> {
            request.writeBytes((name + ": ").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(value);
            request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(body);
        return exchange(port, request.toByteArray());
    }

    /**
     * Sends these bytes as they are and reads the answer. Reading starts first: a server refusing a large head
     * answers and closes while the rest is still being sent, and the reset that follows would lose an answer not
     * read by then.
     */
    static Answer exchange(int port, byte[] request) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            InputStream in = socket.getInputStream();
            CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> readUntilClosed(in));
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
            } catch (SocketException refusedMidWay) {
                // the server answered and closed before it read everything
            }
            return parse(answer.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readUntilClosed(InputStream in) {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                read.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // closed with a reset after answering: what was read is the answer
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return read.toByteArray();
    }

    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("no complete HTTP answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunked(body);
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] unchunked(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = new String(chunked, at, chunked.length - at, StandardCharsets.ISO_8859_1).indexOf("\r\n");
            int size = Integer.parseInt(new String(chunked, at, lineEnd, StandardCharsets.ISO_8859_1).trim(), 16);
            if (size == 0) {
                break;
            }
            body.write(chunked, at + lineEnd + 2, size);
            at += lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }
}
