package com.allinone.commerce.bench;

import com.allinone.commerce.bench.CommerceApi.Customer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

/**
 * Read benchmark ({@code bench/reads}, README "Load benchmark"): the storefront's and the customer's reads against a
 * bare Spring WebFlux endpoint measured in the same run, once with 300 orders stored (all of one customer, the
 * reader) and once with 30,000, so a read whose cost grows with the store shows. Only the public HTTP API is used:
 * the read side may change its storage, the bench keeps measuring what a client sees.
 */
final class Reads {

    /**
     * The order flows' backlog limit off: seeding then runs at the intake's pace instead of waiting at the door for
     * the flows (about 150 orders behind), which would make seeding 30,000 orders take several times as long. The
     * bench waits for the flows to settle before it measures, so the backlog costs no CPU during the measurements.
     */
    static final Map<String, String> APP_SETTINGS = Map.of("COMMERCE_FULFILLMENT_MAX_BACKLOG", "0");

    private static final int PRODUCTS = 200;
    private static final int STOCK = 1_000_000;
    private static final int READER_ORDERS = 300;
    private static final int STORED = 30_000;
    private static final int STORED_QUICK = 3_000;
    private static final int SEEDERS = 32;
    /** Other customers own about this many orders each. */
    private static final int ORDERS_PER_CUSTOMER = 30;
    private static final int CONNECTIONS = 64;
    private static final int ROUNDS = 3;
    private static final Duration MEASUREMENT = Duration.ofSeconds(8);
    /** An order refused this often (503, 429, no answer) is given up and reported. */
    private static final int MAX_ATTEMPTS = 60;
    /** The most recent orders, and as many spread over the whole seeding, must be settled before measuring. */
    private static final int SAMPLE = 200;
    /** Share of one core under which the app counts as idle before a measurement. */
    private static final double QUIET = 0.10;
    private static final double SLOWDOWN_TARGET = 0.70;

    /** What is measured; BARE is the baseline, measured first in every round. */
    private enum Endpoint {
        BARE("bare Spring WebFlux GET (product JSON)", Double.NaN),
        PRODUCT_PAGE("product page GET /api/products/{sku}", 0.5),
        CATALOG("catalog GET /api/products?limit=20", 0.4),
        ONE_ORDER("one order GET /api/me/orders/{id}", 0.3),
        MY_ORDERS("my orders GET /api/me/orders?limit=20", 0.15);

        final String label;
        /** Least share of the bare endpoint's 200s per second. */
        final double target;

        Endpoint(String label, double target) {
            this.label = label;
            this.target = target;
        }
    }

    /** One order the bench wants stored, and one it got stored. */
    private record Placement(Customer customer, String key, String sku) {
    }

    private record Stored(Customer customer, String orderId) {
    }

    /** Every round of every endpoint at one size of the store. */
    private record Phase(String label, EnumMap<Endpoint, List<Load.Result>> rounds) {

        Load.Result merged(Endpoint endpoint) {
            return Load.merge(endpoint.label, rounds.get(endpoint));
        }

        /** 200s per second over all rounds, then each round's, so their spread shows. */
        String rate(Endpoint endpoint) {
            return Table.rate(merged(endpoint).rateOf(200)) + rounds.get(endpoint).stream()
                    .map(round -> String.format("%,.0f", round.rateOf(200)))
                    .collect(Collectors.joining(" ", " (", ")"));
        }

        String latencies(Endpoint endpoint) {
            Load.Result result = merged(endpoint);
            return Table.ms(result.millis(50)) + " / " + Table.ms(result.millis(99));
        }
    }

    private final Options options;
    private final Environment env;
    private final Table table = new Table();
    private final String run = Long.toString(System.currentTimeMillis() % 10_000_000_000L, 36);
    private final int stored;

    /** Setup, seeding and polling. */
    private CommerceApi api;
    /** The measured requests, on connections of their own. */
    private Http load;
    private Http bare;
    private final List<String> skus = new ArrayList<>();
    private Customer reader;
    private List<String> readerOrders;

    Reads(Options options, Environment env) {
        this.options = options;
        this.env = env;
        this.stored = options.quick() ? STORED_QUICK : STORED;
    }

    void run() throws Exception {
        Progress.say("machine: %d CPUs, load average %s", Runtime.getRuntime().availableProcessors(),
                Bench.loadAverage());
        DisposableServer bareServer = Baselines.bareWebFlux();
        try {
            env.start();
            try (Http control = new Http(env.appUrl()); Http measured = new Http(env.appUrl());
                 Http baseline = new Http("http://127.0.0.1:" + bareServer.port())) {
                api = new CommerceApi(control);
                load = measured;
                bare = baseline;
                measureBothSizes();
                // Before the clients close, as in bench/run: closing them would abort requests still in flight.
                env.stopApp();
            }
        } finally {
            bareServer.disposeNow();
        }
        System.out.println();
        table.print(System.out);
        System.out.printf("%nmachine: %d CPUs, load average at the end %s; run %s on %s%n",
                Runtime.getRuntime().availableProcessors(), Bench.loadAverage(), run,
                options.url() != null ? options.url() : options.postgres() ? "PostgreSQL" : "H2");
        if (env.appLog() != null) {
            Progress.say("app log kept at %s", env.appLog());
        }
    }

    private void measureBothSizes() throws InterruptedException {
        setUp();
        List<Stored> mine = seed("reader", READER_ORDERS, i -> new Placement(reader, "r-" + i, sku(i)));
        readerOrders = mine.stream().map(Stored::orderId).toList();
        awaitReadable(READER_ORDERS, mine);
        warmUp();
        Phase small = measure(READER_ORDERS);

        int others = stored - READER_ORDERS;
        int count = Math.max(1, others / ORDERS_PER_CUSTOMER);
        Progress.say("minting tokens for %,d other customers", count);
        List<Customer> customers = api.customers("reads-" + run + "-c", count);
        List<Stored> theirs = seed("others", others,
                i -> new Placement(customers.get(i % count), "o-" + i, sku(i)));
        awaitReadable(stored, theirs);
        Phase large = measure(stored);

        report(small);
        report(large);
        double before = small.merged(Endpoint.MY_ORDERS).rateOf(200);
        double after = large.merged(Endpoint.MY_ORDERS).rateOf(200);
        table.check("my orders: rate at " + large.label + " / at " + small.label, Table.rate(after),
                Table.rate(before) + " at " + small.label, Table.ratio(after, before),
                String.format("≥ %.2f", SLOWDOWN_TARGET), after >= SLOWDOWN_TARGET * before);
    }

    /** 200 products with more stock than the seeding takes, visible in the catalog; the reader's token. */
    private void setUp() throws InterruptedException {
        String admin = api.token("reads-" + run + "-admin", "ADMIN");
        Progress.say("creating %d products with %,d units each", PRODUCTS, STOCK);
        for (int i = 0; i < PRODUCTS; i++) {
            String sku = String.format("READS-%s-%03d", run, i);
            api.createProduct(admin, sku);
            api.receive(admin, sku, STOCK);
            skus.add(sku);
        }
        for (String sku : skus) {
            api.awaitAvailable(sku, STOCK, Duration.ofMinutes(1));
        }
        String subject = "reads-" + run + "-reader";
        reader = new Customer(subject, api.token(subject, "CUSTOMER"));
    }

    private String sku(long n) {
        return skus.get((int) (n % skus.size()));
    }

    /**
     * Places {@code count} orders, {@value #SEEDERS} at a time, each until it is stored (202): a 503 or 429 is
     * asked again, with the same Idempotency-Key, after its Retry-After. Answers the orders stored.
     */
    private List<Stored> seed(String label, int count, IntFunction<Placement> placement) {
        Progress.say("seeding %,d orders (%s), %d clients", count, label, SEEDERS);
        LongAdder done = new LongAdder();
        LongAdder retried = new LongAdder();
        Map<Integer, LongAdder> refused = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long[] last = {0, start};
        Disposable ticker = Flux.interval(Duration.ofSeconds(5)).subscribe(tick -> {
            long now = System.nanoTime();
            long sum = done.sum();
            Progress.say("seeding %s: %,d/%,d stored, %.0f/s over the last 5 s, %.0f/s overall, %,d retried",
                    label, sum, count, (sum - last[0]) / ((now - last[1]) / 1e9), sum / ((now - start) / 1e9),
                    retried.sum());
            last[0] = sum;
            last[1] = now;
        });
        List<Stored> result;
        try {
            result = Flux.range(0, count)
                    .flatMap(i -> store(placement.apply(i), 1, retried, refused).doOnNext(ok -> done.increment()),
                            SEEDERS)
                    .collectList()
                    .block(Duration.ofHours(2));
        } finally {
            ticker.dispose();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> refusals = new TreeMap<>();
        refused.forEach((status, n) -> refusals.put(Load.label(status), n.sum()));
        Progress.say("seeded %,d of %,d orders (%s) in %.0f s", result.size(), count, label, seconds);
        String value = String.format("%,d of %,d in %.0f s", result.size(), count, seconds);
        String detail = String.format("%s, %,d retried", Table.rate(result.size() / seconds), retried.sum());
        if (refusals.isEmpty()) {
            table.info("seeding " + label + " (POST /api/orders, 32 clients)", value, detail, "");
        } else {
            table.check("seeding " + label + " (POST /api/orders, 32 clients)", value + ", not stored "
                    + refusals, detail, "", "all stored", false);
        }
        return result;
    }

    private Mono<Stored> store(Placement order, int attempt, LongAdder retried, Map<Integer, LongAdder> refused) {
        return api.placeOrder(order.customer(), order.key(), order.sku()).flatMap(response -> {
            int status = response.status();
            if (status == 202) {
                return Mono.just(new Stored(order.customer(),
                        CommerceApi.orderId(order.customer().subject(), order.key())));
            }
            // 409 order-request-in-progress: a copy of this very request is still being placed; ask again.
            boolean again = status == 503 || status == 429 || status == Http.FAILED || (status == 409
                    && CommerceApi.problemType(response).endsWith("/problems/order-request-in-progress"));
            if (!again || attempt >= MAX_ATTEMPTS) {
                refused.computeIfAbsent(status, s -> new LongAdder()).increment();
                return Mono.empty();
            }
            retried.increment();
            return Mono.delay(retryAfter(response))
                    .then(Mono.defer(() -> store(order, attempt + 1, retried, refused)));
        });
    }

    /** Retry-After in seconds (what the app sends), at most 30 s; one second when absent or unreadable. */
    private static Duration retryAfter(Http.Response response) {
        try {
            return Duration.ofSeconds(Math.min(30, Math.max(0, Long.parseLong(response.retryAfter().trim()))));
        } catch (RuntimeException absentOrDate) {
            return Duration.ofSeconds(1);
        }
    }

    /**
     * Waits, each step with a bound, until the read model shows what was seeded and the app is idle again: a
     * sample of the new orders (the latest and some spread over the seeding) settled and readable by id, the
     * reader's list complete, and the app's CPU quiet (the admin dashboards recompute after orders change).
     */
    private void awaitReadable(int total, List<Stored> seeded) throws InterruptedException {
        long start = System.nanoTime();
        Flows.Tracked sample = new Flows.Tracked();
        int step = Math.max(1, seeded.size() / SAMPLE);
        for (int i = 0; i < seeded.size(); i += step) {
            sample.add(seeded.get(i).customer(), seeded.get(i).orderId());
        }
        seeded.subList(Math.max(0, seeded.size() - SAMPLE), seeded.size())
                .forEach(order -> sample.add(order.customer(), order.orderId()));
        String label = String.format("%,d orders stored", total);
        Map<String, Long> statuses = Flows.awaitSettled(api, label, sample, Duration.ofMinutes(10));
        long settled = statuses.entrySet().stream().filter(e -> Flows.SETTLED.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        long listed = awaitReaderList(Duration.ofMinutes(2));
        OptionalDouble cpu = awaitQuietApp(Duration.ofMinutes(2));
        double waited = (System.nanoTime() - start) / 1e9;
        String value = String.format("%,d/%,d sampled orders settled, reader lists %,d/%,d", settled, sample.size(),
                listed, readerOrders.size());
        table.check("read model at " + label + " (waited " + Math.round(waited) + " s)", value, "", "", "all",
                settled == sample.size() && listed == readerOrders.size());
        if (cpu.isPresent()) {
            // Not quiet within the bound: the measurements below shared the CPUs with the app's own work.
            table.check("app CPU before measuring at " + label, String.format("%.0f%% of a core", cpu.getAsDouble()
                    * 100), "", "", String.format("< %.0f%%", QUIET * 100), cpu.getAsDouble() <= QUIET);
        }
    }

    /** The reader's GET /api/me/orders, page by page, until it lists every order of the reader stored. */
    private long awaitReaderList(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        long listed = -1;
        long said = 0;
        while (System.nanoTime() < deadline) {
            try {
                listed = api.countMyOrders(reader);
            } catch (RuntimeException e) {
                Progress.say("listing the reader's orders failed: %s", e.getMessage());
            }
            if (listed == readerOrders.size()) {
                return listed;
            }
            if (System.nanoTime() - said > 5_000_000_000L) {
                Progress.say("reader lists %d of %d orders", listed, readerOrders.size());
                said = System.nanoTime();
            }
            Thread.sleep(500);
        }
        Progress.say("giving up: the reader lists %d of %d orders", listed, readerOrders.size());
        return listed;
    }

    /**
     * Samples the CPU the app uses over 2 s windows until it is under {@value #QUIET} of one core, at most
     * {@code bound}: a measurement that shares the CPUs with the app's own background work measures neither.
     * Answers the last window's share of one core; empty for an app given with --url (not sampled).
     */
    private OptionalDouble awaitQuietApp(Duration bound) throws InterruptedException {
        Optional<Duration> before = env.appCpu();
        if (before.isEmpty()) {
            return OptionalDouble.empty();
        }
        long deadline = System.nanoTime() + bound.toNanos();
        long from = System.nanoTime();
        double share;
        do {
            Thread.sleep(2000);
            Duration now = env.appCpu().orElse(before.get());
            long until = System.nanoTime();
            share = now.minus(before.get()).toNanos() / (double) (until - from);
            Progress.say("app CPU: %.0f%% of one core over the last 2 s", share * 100);
            before = Optional.of(now);
            from = until;
        } while (share > QUIET && System.nanoTime() < deadline);
        return OptionalDouble.of(share);
    }

    /** A JVM that just started interprets: one pass over every endpoint, not measured, compiles the read paths. */
    private void warmUp() {
        for (Endpoint endpoint : Endpoint.values()) {
            Progress.say("warm-up (not measured): %s", endpoint.label);
            closedLoop("warm-up " + endpoint.label, endpoint);
        }
    }

    /** {@value #ROUNDS} rounds of every endpoint, each round the bare endpoint first. */
    private Phase measure(int total) {
        String label = String.format("%,d orders", total) + (options.quick() ? " (--quick)" : "");
        EnumMap<Endpoint, List<Load.Result>> rounds = new EnumMap<>(Endpoint.class);
        for (int round = 1; round <= ROUNDS; round++) {
            for (Endpoint endpoint : Endpoint.values()) {
                Progress.say("%s, round %d/%d: %s, %d connections, %d s", label, round, ROUNDS, endpoint.label,
                        CONNECTIONS, options.scaled(MEASUREMENT).toSeconds());
                rounds.computeIfAbsent(endpoint, e -> new ArrayList<>()).add(closedLoop(endpoint.label, endpoint));
            }
        }
        return new Phase(label, rounds);
    }

    private Load.Result closedLoop(String name, Endpoint endpoint) {
        return Load.closedLoop(name, CONNECTIONS, options.scaled(MEASUREMENT),
                (client, n) -> request(endpoint, n).map(Http.Response::status));
    }

    private Mono<Http.Response> request(Endpoint endpoint, long n) {
        return switch (endpoint) {
            case BARE -> bare.get("/api/products/" + sku(n), null);
            case PRODUCT_PAGE -> load.get("/api/products/" + sku(n), null);
            case CATALOG -> load.get("/api/products?limit=20", null);
            case ONE_ORDER -> load.get("/api/me/orders/" + readerOrders.get((int) (n % readerOrders.size())),
                    reader.token());
            case MY_ORDERS -> load.get("/api/me/orders?limit=20", reader.token());
        };
    }

    private void report(Phase phase) {
        double bareRate = phase.merged(Endpoint.BARE).rateOf(200);
        for (Endpoint endpoint : Endpoint.values()) {
            Load.Result result = phase.merged(endpoint);
            String name = endpoint.label + " @ " + phase.label();
            if (endpoint == Endpoint.BARE) {
                table.info(name + ": 200/s (rounds)", phase.rate(endpoint), "", "");
            } else {
                double rate = result.rateOf(200);
                table.check(name + ": 200/s (rounds)", phase.rate(endpoint), Table.rate(bareRate) + " bare",
                        Table.ratio(rate, bareRate), String.format("≥ %.2f", endpoint.target),
                        rate >= endpoint.target * bareRate);
            }
            table.info(name + ": p50 / p99", phase.latencies(endpoint),
                    endpoint == Endpoint.BARE ? "" : phase.latencies(Endpoint.BARE) + " bare", "");
            if (result.count(200) != result.sent()) {
                table.check(name + ": answers other than 200", result.statusSummary(), "", "", "none", false);
            }
        }
    }
}
