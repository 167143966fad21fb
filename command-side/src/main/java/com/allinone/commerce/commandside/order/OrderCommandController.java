package com.allinone.commerce.commandside.order;

import com.allinone.commerce.api.common.FlowIds;
import com.allinone.commerce.api.common.InvalidValueException;
import com.allinone.commerce.api.common.OrderLine;
import com.allinone.commerce.api.common.ShippingAddress;
import com.allinone.commerce.api.order.FlowCapacity;
import com.allinone.commerce.api.order.PlaceOrder;
import com.allinone.commerce.api.order.RequestOrderCancellation;
import com.allinone.commerce.axonconfig.openapi.CommandRefusals;
import com.allinone.commerce.axonconfig.openapi.ProblemResponses;
import com.allinone.commerce.axonconfig.web.ProblemDetailsAdvice;
import com.allinone.commerce.axonconfig.web.Problems;
import com.allinone.commerce.commandside.web.CommandSender;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** Placing and cancelling orders. The customer is always the token's subject, never a body or path field. */
@RestController
@CommandRefusals
@PreAuthorize("hasRole('CUSTOMER')")
public class OrderCommandController {

    /** All a client may send: no price, total, owner or status (unknown fields are a 400). */
    public record PlaceOrderRequest(List<OrderLine> lines, ShippingAddress shippingAddress) {
    }

    public record OrderAccepted(String orderId, String consistencyToken) {
    }

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final CommandSender commands;
    private final FlowCapacity flows;
    private final OrderRateLimit rateLimit;

    public OrderCommandController(CommandSender commands, ObjectProvider<FlowCapacity> flows,
                                  OrderRateLimit rateLimit) {
        this.commands = commands;
        this.flows = flows.getIfAvailable(() -> FlowCapacity.UNBOUNDED);
        this.rateLimit = rateLimit;
    }

    @ProblemResponses(HttpStatus.TOO_MANY_REQUESTS)
    @ResponseStatus(HttpStatus.ACCEPTED) // as its ResponseEntity says, for the OpenAPI spec
    @PostMapping(path = "/api/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<OrderAccepted>> place(@RequestHeader("Idempotency-Key") String idempotencyKey,
                                                     @RequestBody PlaceOrderRequest request,
                                                     @AuthenticationPrincipal Jwt user) {
        if (!IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidValueException("Idempotency-Key", "must be 1-200 visible ASCII characters");
        }
        String customerId = user.getSubject();
        String orderId = FlowIds.orderId(customerId, idempotencyKey);
        // Validate the request as a command first, then fingerprint the validated lines and address.
        PlaceOrder unhashed = new PlaceOrder(orderId, customerId, request.lines(), request.shippingAddress(), "-");
        PlaceOrder command = new PlaceOrder(orderId, customerId, unhashed.lines(), unhashed.shippingAddress(),
                RequestFingerprint.of(unhashed.lines(), unhashed.shippingAddress()));
        Mono<OrderPlacement.Placed> placing = commands.<OrderPlacement.Placed>send(command, customerId, orderId)
                // Two copies of one request racing to create the order: the loser retries and finds the winner's.
                .retryWhen(Retry.backoff(5, Duration.ofMillis(20)).filter(OrderCommandController::racedACopy)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
        // Nothing is reserved or stored while the order waits for room, so a client that gives up loses nothing.
        return rateLimit.secondsToWait(customerId)
                .flatMap(wait -> wait > 0 ? Mono.error(rateLimited(wait))
                        : Mono.fromFuture(flows.awaitRoom(command.lines())))
                .flatMap(room -> room ? placing : Mono.error(OrderCommandController::flowsBusy))
                .map(placed -> ResponseEntity.accepted()
                        .location(URI.create("/api/me/orders/" + placed.orderId()))
                        .body(new OrderAccepted(placed.orderId(), Long.toString(placed.sequence()))));
    }

    private static ErrorResponseException rateLimited(long secondsToWait) {
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "Too many orders from you in a short time; nothing was stored, retry in " + secondsToWait + " s");
        problem.setProperty("retryAfterSeconds", secondsToWait);
        return comeBackLater(problem, secondsToWait);
    }

    private static ErrorResponseException flowsBusy() {
        return comeBackLater(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "order-flows-busy",
                "Orders are arriving faster than they can be processed; nothing was stored, please retry shortly"), 2);
    }

    /** A refusal that says when to try again, in the problem and in {@code Retry-After}. */
    private static ErrorResponseException comeBackLater(ProblemDetail problem, long retryAfterSeconds) {
        ErrorResponseException refusal = new ErrorResponseException(HttpStatus.valueOf(problem.getStatus()), problem,
                null);
        refusal.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return refusal;
    }

    private static boolean racedACopy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return true;
            }
        }
        return ProblemDetailsAdvice.rejectionOf(failure)
                .filter(rejection -> OrderPlacement.REQUEST_IN_PROGRESS.equals(rejection.type())).isPresent();
    }

    @ResponseStatus(HttpStatus.ACCEPTED) // as its ResponseEntity says, for the OpenAPI spec
    @PostMapping("/api/orders/{orderId}/cancel")
    public Mono<ResponseEntity<Map<String, String>>> cancel(@PathVariable String orderId,
                                                            @AuthenticationPrincipal Jwt user) {
        return commands.send(new RequestOrderCancellation(orderId, user.getSubject()), user.getSubject(), orderId)
                .then(Mono.fromSupplier(() -> ResponseEntity.accepted()
                        .location(URI.create("/api/me/orders/" + orderId))
                        .body(Map.of("orderId", orderId))));
    }
}
