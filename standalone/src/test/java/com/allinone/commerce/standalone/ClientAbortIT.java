package com.allinone.commerce.standalone;

import static com.allinone.commerce.standalone.CommerceApi.awaitStatus;
import static com.allinone.commerce.standalone.CommerceApi.createProduct;
import static com.allinone.commerce.standalone.CommerceApi.newKey;
import static com.allinone.commerce.standalone.CommerceApi.newSku;
import static com.allinone.commerce.standalone.CommerceApi.newSubject;
import static com.allinone.commerce.standalone.CommerceApi.orderBody;
import static com.allinone.commerce.standalone.CommerceApi.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.allinone.commerce.api.common.FlowIds;
import com.allinone.commerce.api.order.OrderPlaced;
import com.allinone.commerce.api.order.OrderStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Clients that hang up while {@code POST /api/orders} is in flight. Reactor then cancels the request, and with it the
 * blocking command it was running; that must neither tear the command down half-way (an interrupted H2 file write
 * closes the whole database) nor lose it: an order answered 202 exists and settles, and the app keeps taking orders.
 */
class ClientAbortIT extends StandaloneTestSupport {

    private static final int REQUESTS = 400;
    private static final int CUSTOMERS = 20;
    private static final int THREADS = 32;

    private static final Set<String> INTERRUPTIONS = Set.of(InterruptedException.class.getName(),
            ClosedByInterruptException.class.getName());

    /** When a client hangs up: before the server reads it, after waiting a while, or once it was answered. */
    private enum HangUp { RIGHT_AFTER_WRITING, AFTER_WAITING, AFTER_STATUS_LINE }

    @Test
    void clientsHangingUpMidRequestLoseNoAcceptedOrderAndLeaveTheAppWorking() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        try {
            String neverStocked = newSku();
            createProduct(web, adminToken(), neverStocked, 10_000);
            Shop shop = openShop(10_000, 10_000);
            List<String> subjects = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < CUSTOMERS; i++) {
                subjects.add(newSubject());
                tokens.add(token(subjects.get(i), "CUSTOMER"));
            }

            // Every order sent, and the status line its client read before hanging up, if it read one.
            Set<String> sent = ConcurrentHashMap.newKeySet();
            Map<String, String> statusLines = new ConcurrentHashMap<>();
            List<Callable<Void>> clients = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                int n = i;
                clients.add(() -> {
                    String key = newKey();
                    String orderId = FlowIds.orderId(subjects.get(n % CUSTOMERS), key);
                    // One in eight for a product never stocked: 202 then REJECTED today, perhaps 409 one day.
                    String body = orderBody(n % 8 == 0 ? neverStocked : shop.sku, 1);
                    // Waits of 1, 2, 4 … 2048 ms: on a fast machine and a loaded one alike (answers take from
                    // milliseconds to seconds), many hang-ups land while the command is running.
                    int waitMillis = 1 << (n / 3 % 12);
                    sent.add(orderId);
                    placeAndHangUp(tokens.get(n % CUSTOMERS), key, body, HangUp.values()[n % 3], waitMillis)
                            .ifPresent(line -> statusLines.put(orderId, line));
                    return null;
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                for (Future<Void> client : pool.invokeAll(clients)) {
                    client.get(); // a failure of the client itself (not a reset) fails the test here
                }
            } finally {
                pool.shutdownNow();
            }

            Set<String> accepted = new HashSet<>();
            statusLines.forEach((orderId, line) -> {
                if (line.startsWith("HTTP/1.1 202")) {
                    accepted.add(orderId);
                }
            });
            int unanswered = REQUESTS - statusLines.size();
            System.out.printf("ClientAbortIT: %d sent, %d answered (%d with 202), %d hung up before an answer%n",
                    sent.size(), statusLines.size(), accepted.size(), unanswered);
            // Not vacuous: some requests were cut off before their answer, and some were accepted.
            assertThat(unanswered).as("requests hung up before an answer").isPositive();
            assertThat(accepted).as("requests answered 202").isNotEmpty();

            // A 202 is a promise: the order is in the event store, OrderPlaced first.
            for (String orderId : accepted) {
                assertThat(eventsOf(orderId)).as("events of accepted order %s", orderId).isNotEmpty()
                        .first().matches(e -> e.getPayloadType().equals(OrderPlaced.class), "is OrderPlaced");
            }
            // Every stored order settles, whether or not its client saw the answer: none is stuck half-way.
            Set<String> open = new HashSet<>(sent);
            open.removeIf(orderId -> eventsOf(orderId).isEmpty());
            System.out.printf("ClientAbortIT: %d orders stored%n", open.size());
            Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                open.removeIf(orderId -> isSettled(statusOf(applicationContext, orderId)));
                return open.isEmpty();
            });

            // The app still takes orders.
            awaitStatus(applicationContext, shop.order(1), OrderStatus.CONFIRMED);

            // Nothing logged an ERROR, and no thread was interrupted under its work. The interruption is the root
            // cause; whether it then shows (closed H2, an ERROR from writing to a dead connection) is a race, while
            // Axon reports every interrupted command (at INFO, an InterruptedException in the chain).
            List<String> harm = log.list.stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || reportsAnInterruption(e))
                    .map(ClientAbortIT::describe).toList();
            assertThat(harm).as("ERROR or interruption logged while clients hung up:%n%s", String.join("\n", harm))
                    .isEmpty();
        } finally {
            root.detachAppender(log);
            log.stop();
        }
    }

    private static boolean isSettled(OrderStatus status) {
        return status == OrderStatus.CONFIRMED || status == OrderStatus.REJECTED;
    }

    private static boolean reportsAnInterruption(ILoggingEvent event) {
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            if (INTERRUPTIONS.contains(t.getClassName())) {
                return true;
            }
        }
        return false;
    }

    private static String describe(ILoggingEvent event) {
        IThrowableProxy t = event.getThrowableProxy();
        return event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage()
                + (t == null ? "" : " [" + t.getClassName() + ": " + t.getMessage() + "]");
    }

    /**
     * Sends one order over a raw socket, so the test decides exactly when the connection dies, then resets it (linger
     * 0: the server sees a TCP RST, not an orderly FIN). Answers the status line, if one was read before that.
     */
    private Optional<String> placeAndHangUp(String token, String key, String body, HangUp hangUp, int waitMillis)
            throws IOException {
        String port = applicationContext.getEnvironment().getProperty("local.server.port");
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/orders HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Idempotency-Key: " + key + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + content.length + "\r\n\r\n";
        Socket socket = new Socket("localhost", Integer.parseInt(port)); // a refused connection fails the test
        try (socket) {
            socket.setSoLinger(true, 0);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            return switch (hangUp) {
                case RIGHT_AFTER_WRITING -> Optional.empty();
                // A read timeout, not a sleep: hang up after waitMillis, or as soon as the answer comes.
                case AFTER_WAITING -> readStatusLine(socket, waitMillis);
                case AFTER_STATUS_LINE -> readStatusLine(socket, 60_000);
            };
        } catch (SocketException resetByServer) {
            return Optional.empty();
        }
    }

    private static Optional<String> readStatusLine(Socket socket, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b != -1; b = in.read()) {
                if (b == '\n') {
                    return Optional.of(line.toString(StandardCharsets.US_ASCII).strip());
                }
                line.write(b);
            }
        } catch (SocketTimeoutException notAnsweredYet) {
            // hang up unanswered
        }
        return Optional.empty();
    }
}
