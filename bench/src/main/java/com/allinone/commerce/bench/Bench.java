package com.allinone.commerce.bench;

import com.allinone.commerce.bench.CommerceApi.Customer;
import com.allinone.commerce.bench.Flows.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

/**
 * Load benchmark of the order intake and the order flows (bench/README-section.md). Runs every scenario once,
 * against baselines measured in the same run, and prints one table on stdout; progress goes to stderr.
 */
public final class Bench {

    private static final int CLIENTS = 32;
    private static final int STOCK = 1_000_000;
    private static final double STEADY_RATE = 150;

    private final Options options;
    private final Environment env;
    private final Table table = new Table();
    /** Unique per run, in every SKU, customer and key: a run against a long-lived app never meets an earlier one. */
    private final String run = Long.toString(System.currentTimeMillis() % 10_000_000_000L, 36);

    /** Setup and read-back; its own connections, so requests still in flight from a load never block it. */
    private CommerceApi api;
    /** The load: order requests only. */
    private CommerceApi orders;
    private String stocked;
    private String soldOut;
    private Load.Result bare;

    private Bench(Options options, Environment env) {
        this.options = options;
        this.env = env;
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // A timed-out request is counted (as ERR) in the table; a stack trace per request would drown the progress.
        System.setProperty("org.slf4j.simpleLogger.log.reactor.netty", "error");
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Environment env = new Environment(options, options.reads() ? Reads.APP_SETTINGS : Map.of());
        // Ctrl-C still stops the app and redis-server this run started.
        Runtime.getRuntime().addShutdownHook(new Thread(env::close));
        int exit = 0;
        try {
            if (options.reads()) {
                new Reads(options, env).run();
            } else {
                new Bench(options, env).run();
            }
        } catch (Exception e) {
            e.printStackTrace();
            if (env.appLog() != null) {
                System.err.println("App log: " + env.appLog());
            }
            exit = 1;
        } finally {
            env.close();
        }
        System.exit(exit);
    }

    private void run() throws Exception {
        Progress.say("machine: %d CPUs, load average %s", Runtime.getRuntime().availableProcessors(), loadAverage());
        env.start();
        Set<String> floodIds;
        try (Http control = new Http(env.appUrl()); Http load = new Http(env.appUrl())) {
            api = new CommerceApi(control);
            orders = new CommerceApi(load);
            setUp();
            List<Customer> intakeCustomers = api.customers("bench-" + run + "-intake", CLIENTS);
            warmUp(api.customers("bench-" + run + "-warm", CLIENTS));
            baselines(intakeCustomers);
            intakeAndFlows(intakeCustomers);
            steady(api.customers("bench-" + run + "-steady", CLIENTS));
            floodIds = flood(api.customers("bench-" + run + "-flood", CLIENTS));
            rebuild(control);
            // Before the clients close: closing them aborts whatever is still in flight, and the app's reaction to
            // aborted requests is not what this bench measures.
            env.stopApp();
        }
        countFloodEvents(floodIds);
        System.out.println();
        table.print(System.out);
        // Every figure shares the machine with whatever else runs on it: say how busy it was.
        System.out.printf("%nmachine: %d CPUs, load average at the end %s; run %s on %s%n",
                Runtime.getRuntime().availableProcessors(), loadAverage(), run,
                options.url() != null ? options.url() : options.postgres() ? "PostgreSQL" : "H2");
        if (env.appLog() != null) {
            Progress.say("app log kept at %s", env.appLog());
        }
    }

    /**
     * Rebuilds {@code my_orders} from every event the scenarios before wrote, then measures the baseline: as many
     * plain bulk inserts into the same MongoDB. Targets: at least 1,000 events/s, and flat (the last fifth of the
     * history at least 70 % as fast as the first), so the cost of a rebuild does not grow with the store.
     */
    private void rebuild(Http control) throws Exception {
        Progress.say("rebuild: my-orders from the whole event store");
        Rebuild.Result result = new Rebuild(control).run(api.token("bench-" + run + "-rebuilder", "ADMIN"));
        if (!"SWITCHED".equals(result.state())) {
            table.check("rebuild my-orders: events/s", result.state() + " " + result.failure(), "", "", "SWITCHED",
                    false);
            return;
        }
        String mongoUrl = env.mongoUrl();
        double baseline = mongoUrl == null ? Double.NaN : Rebuild.bulkInsertBaseline(mongoUrl, result.events());
        table.check("rebuild my-orders: events/s (" + String.format("%,d", result.events()) + " events)",
                Table.rate(result.eventsPerSecond()),
                mongoUrl == null ? "no --mongo" : Table.rate(baseline) + " inserts/s",
                mongoUrl == null ? "" : Table.ratio(result.eventsPerSecond(), baseline), ">= 1,000/s",
                result.eventsPerSecond() >= 1_000);
        List<Long> fifths = result.ratesByFifth();
        boolean flat = fifths.size() == 5 && fifths.get(4) >= 0.7 * fifths.get(0);
        table.check("rebuild: last fifth / first fifth of the history", fifths.toString(), "", fifths.size() == 5
                ? Table.ratio(fifths.get(4), fifths.get(0)) : "", ">= 0.70", flat);
    }

    /** One SKU with more stock than any run can sell, one with none; both visible before any load starts. */
    private void setUp() throws InterruptedException {
        String admin = api.token("bench-" + run + "-admin", "ADMIN");
        stocked = "BENCH-" + run + "-STOCK";
        soldOut = "BENCH-" + run + "-SOLDOUT";
        api.createProduct(admin, stocked);
        api.createProduct(admin, soldOut);
        api.receive(admin, stocked, STOCK);
        api.awaitAvailable(stocked, STOCK, Duration.ofMinutes(1));
        api.awaitAvailable(soldOut, 0, Duration.ofMinutes(1));
        Progress.say("products %s (%,d units) and %s (0 units) ready", stocked, STOCK, soldOut);
    }

    /**
     * A JVM that just started runs interpreted code for its first minute: every scenario would measure the JIT
     * compiler. Orders (and sold-out orders) at full speed until both paths are compiled, then a wait until those
     * orders settle, so no scenario inherits their backlog. Nothing of this is in the table.
     */
    private void warmUp(List<Customer> customers) throws InterruptedException {
        Progress.say("warm-up: %d customers order for %d s (not measured)", CLIENTS, seconds(20));
        Flows.Tracked accepted = new Flows.Tracked();
        Load.closedLoop("warm-up", CLIENTS, options.scaled(Duration.ofSeconds(20)), (client, n) -> {
            // One order in four for the sold-out SKU, so the refusal path is compiled too.
            return placeTracked(customers.get(client), "w-" + n, n % 4 == 3 ? soldOut : stocked, accepted);
        });
        Flows.awaitSettled(api, "warm-up", accepted, Duration.ofMinutes(5));
    }

    /** Places one order; an accepted one joins {@code accepted}, so its flow can be waited for and read back. */
    private Mono<Integer> placeTracked(Customer customer, String key, String sku, Flows.Tracked accepted) {
        return orders.placeOrder(customer, key, sku).map(Http.Response::status).doOnNext(status -> {
            if (status == 202) {
                accepted.add(customer, CommerceApi.orderId(customer.subject(), key));
            }
        });
    }

    private void baselines(List<Customer> customers) throws Exception {
        Progress.say("baseline A: EVALSHA reserve.lua, %d callers, %d s", CLIENTS, seconds(10));
        Load.Result lua = Baselines.redisReserve(env.redisUrl(),
                options.root().resolve("sagas/src/main/resources/stock/reserve.lua"), run, CLIENTS,
                options.scaled(Duration.ofSeconds(10)));
        table.info("A: Redis EVALSHA reserve.lua, 32 callers", Table.rate(lua.rateOf(200)), "", "");
        table.info("A: EVALSHA p50 / p99", Table.ms(lua.millis(50)) + " / " + Table.ms(lua.millis(99)), "",
                "");
        if (lua.count(200) != lua.sent()) {
            table.info("A: answers other than RESERVED (200=RESERVED)", lua.statusSummary(), "", "");
        }
        Progress.say("baseline B: bare Reactor Netty endpoint, %d clients, %d s", CLIENTS, seconds(10));
        DisposableServer server = Baselines.bareEndpoint();
        try {
            bare = Baselines.bareHttp(server, customers, stocked, CLIENTS, options.scaled(Duration.ofSeconds(10)));
        } finally {
            server.disposeNow();
        }
        table.info("B: bare Reactor Netty POST, 32 clients", Table.rate(bare.rateOf(202)), "", "");
        table.info("B: POST p50 / p99", Table.ms(bare.millis(50)) + " / " + Table.ms(bare.millis(99)), "", "");
    }

    private void intakeAndFlows(List<Customer> customers) throws InterruptedException {
        Progress.say("intake: %d customers place orders as fast as they can, %d s", CLIENTS, seconds(20));
        Flows.Tracked accepted = new Flows.Tracked();
        Load.Result intake = Load.closedLoop("intake", CLIENTS, options.scaled(Duration.ofSeconds(20)),
                (client, n) -> {
                    return placeTracked(customers.get(client), "i-" + n, stocked, accepted);
                });
        double intakeRate = intake.rateOf(202);
        table.info("Intake: accepted (202) /s, 32 clients", Table.rate(intakeRate), Table.rate(bare.rateOf(202)),
                Table.ratio(intakeRate, bare.rateOf(202)));
        table.info("Intake: POST /api/orders p50", Table.ms(intake.millis(50)), Table.ms(bare.millis(50)),
                Table.ratio(intake.millis(50), bare.millis(50)));
        table.info("Intake: POST /api/orders p99", Table.ms(intake.millis(99)), Table.ms(bare.millis(99)),
                Table.ratio(intake.millis(99), bare.millis(99)));
        table.info("Intake: answers", intake.statusSummary(), "", "");

        // Every accepted order must settle before the next scenario, or the steady run would measure this backlog.
        Flows.awaitSettled(api, "flows", accepted, Duration.ofMinutes(5));
        List<Outcome> outcomes = Flows.outcomes(api, accepted);
        // The intake window on the server's clock: first to last PLACED. Flows that complete within it are the
        // rate the system sustains while taking orders at full speed (the rest is backlog drained afterwards).
        Instant first = outcomes.stream().map(Outcome::placed).filter(Objects::nonNull).min(Instant::compareTo)
                .orElse(Instant.EPOCH);
        Instant last = outcomes.stream().map(Outcome::placed).filter(Objects::nonNull).max(Instant::compareTo)
                .orElse(Instant.EPOCH);
        double window = Math.max(1e-3, Duration.between(first, last).toNanos() / 1e9);
        long confirmedInWindow = Flows.count(outcomes, o -> o.confirmed() != null
                && !o.confirmed().isBefore(first) && !o.confirmed().isAfter(last));
        double flowRate = confirmedInWindow / window;
        table.check("Flows: CONFIRMED /s during intake", Table.rate(flowRate), Table.rate(intakeRate) + " intake",
                Table.ratio(flowRate, intakeRate), "≥ 250/s", flowRate >= 250);
        double[] latencies = Flows.confirmLatencies(outcomes);
        table.info("Flows: placed→CONFIRMED p50", Table.ms(Flows.percentile(latencies, 50)), "", "");
        table.info("Flows: placed→CONFIRMED p99", Table.ms(Flows.percentile(latencies, 99)), "", "");
        table.info("Flows: outcome of accepted orders", settledSummary(outcomes), "", "");
    }

    private void steady(List<Customer> customers) throws InterruptedException {
        Progress.say("steady: open loop, %.0f orders/s for %d s", STEADY_RATE, seconds(60));
        Flows.Tracked accepted = new Flows.Tracked();
        Load.Result steady = Load.openLoop("steady", CLIENTS, STEADY_RATE, options.scaled(Duration.ofSeconds(60)),
                (client, n) -> {
                    return placeTracked(customers.get(client), "s-" + n, stocked, accepted);
                });
        // Shorter than the intake's wait: an order not confirmed a minute after the last arrival already fails the
        // 3 s target and counts as backlog; the percentiles then show it as not reached.
        Flows.awaitSettled(api, "steady", accepted, Duration.ofMinutes(1));
        List<Outcome> outcomes = Flows.outcomes(api, accepted);
        double[] latencies = Flows.confirmLatencies(outcomes);
        double p99 = Flows.percentile(latencies, 99);
        // Backlog on the server's own timestamps (same host, same clock): orders whose CONFIRMED/REJECTED came more
        // than 5 s after the last arrival, or never.
        Instant cutoff = steady.lastArrival().plusSeconds(5);
        long backlog = Flows.count(outcomes, o -> o.settled() == null || o.settled().isAfter(cutoff));
        table.info("Steady: arrivals /s (open loop)", Table.rate(steady.rate()), Table.rate(STEADY_RATE) + " planned",
                Table.ratio(steady.rate(), STEADY_RATE));
        table.info("Steady: answers", steady.statusSummary(), "", "");
        table.info("Steady: POST p99 from scheduled arrival", Table.ms(steady.millis(99)), Table.ms(bare.millis(99)),
                Table.ratio(steady.millis(99), bare.millis(99)));
        table.info("Steady: placed→CONFIRMED p50", Table.ms(Flows.percentile(latencies, 50)), "", "");
        table.check("Steady: placed→CONFIRMED p99", Table.ms(p99), "", "", "< 3,000 ms", p99 < 3000);
        // An arrival the app did not accept (dropped, failed, 5xx) is not an order, but it is no success either.
        long notAccepted = steady.sent() - steady.count(202);
        table.check("Steady: backlog 5 s after last arrival", backlog
                        + (notAccepted > 0 ? String.format(" (+%d arrivals not accepted)", notAccepted) : ""),
                "", "", "0", backlog == 0 && notAccepted == 0);
        table.info("Steady: outcome of accepted orders", settledSummary(outcomes), "", "");
    }

    /** Orders for a SKU with no stock; answers the ids of every order it asked for (accepted or not). */
    private Set<String> flood(List<Customer> customers) throws InterruptedException {
        Progress.say("sold-out flood: %d clients order a SKU with 0 units, %d s", CLIENTS, seconds(15));
        Set<String> ids = ConcurrentHashMap.newKeySet();
        Flows.Tracked accepted = new Flows.Tracked();
        LongAdder outOfStock = new LongAdder();
        Load.Result flood = Load.closedLoop("flood", CLIENTS, options.scaled(Duration.ofSeconds(15)),
                (client, n) -> {
                    Customer customer = customers.get(client);
                    String key = "f-" + n;
                    String orderId = CommerceApi.orderId(customer.subject(), key);
                    ids.add(orderId);
                    return orders.placeOrder(customer, key, soldOut).map(response -> {
                        if (response.status() == 202) {
                            accepted.add(customer, orderId);
                        } else if (response.status() == 409
                                && CommerceApi.problemType(response).endsWith("/problems/out-of-stock")) {
                            outOfStock.increment();
                        }
                        return response.status();
                    });
                });
        // 409 is the answer the design asks for; 202 (stored, rejected later) is what older code answers.
        double answered = (flood.count(409) + flood.count(202)) / flood.seconds();
        table.check("Flood: answered (409/202) /s, 32 clients", Table.rate(answered), Table.rate(bare.rateOf(202)),
                Table.ratio(answered, bare.rateOf(202)), "≥ 0.300", answered >= 0.3 * bare.rateOf(202));
        table.info("Flood: POST p99", Table.ms(flood.millis(99)), Table.ms(bare.millis(99)),
                Table.ratio(flood.millis(99), bare.millis(99)));
        table.info("Flood: answers", flood.statusSummary(), "", "");
        if (flood.count(409) > 0) {
            table.info("Flood: 409s typed …/problems/out-of-stock", String.format("%,d", outOfStock.sum()), "", "");
        }
        if (accepted.size() > 0) {
            // Stored orders go on to be rejected: give them a while, so the event count below shows more of the
            // flood's cost (a lower bound: any stored event already fails the target).
            Map<String, Long> later = Flows.awaitSettled(api, "flood", accepted, Duration.ofSeconds(30));
            table.info("Flood: the 202 orders 30 s later", later.toString(), "", "");
        }
        return ids;
    }

    /** After the app stopped (the H2 file has one owner): every event of the flood's orders, payments, shipments. */
    private void countFloodEvents(Set<String> orderIds) throws Exception {
        Environment.EventStore store = env.eventStore();
        if (store == null) {
            table.info("Flood: events written", "n/a (give --jdbc)", "", "");
            return;
        }
        Set<String> aggregates = new HashSet<>(orderIds);
        orderIds.forEach(id -> {
            aggregates.add(CommerceApi.paymentId(id));
            aggregates.add(CommerceApi.shipmentId(id));
        });
        Progress.say("counting events of %,d flood orders in %s", orderIds.size(), store.url());
        long events = EventCount.count(store, aggregates);
        table.check("Flood: events written for flood orders", String.format("%,d", events), "", "", "0",
                events == 0);
    }

    private static String settledSummary(List<Outcome> outcomes) {
        long confirmed = Flows.count(outcomes, o -> o.confirmed() != null);
        long ended = Flows.count(outcomes, o -> o.confirmed() == null && o.ended() != null);
        return String.format("%,d confirmed, %,d rejected/cancelled, %,d unsettled", confirmed, ended,
                outcomes.size() - confirmed - ended);
    }

    static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private long seconds(long full) {
        return options.scaled(Duration.ofSeconds(full)).toSeconds();
    }
}
