package com.allinone.commerce.commandside.inventory;

import com.allinone.commerce.api.common.InvalidValueException;
import com.allinone.commerce.api.inventory.AdjustStock;
import com.allinone.commerce.api.inventory.ReceiveStock;
import com.allinone.commerce.axonconfig.openapi.CommandRefusals;
import com.allinone.commerce.commandside.catalog.CatalogLookup;
import com.allinone.commerce.commandside.common.RejectedCommand;
import com.allinone.commerce.commandside.web.CommandSender;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Goods in and corrections. An optional {@code Idempotency-Key} makes a retried receipt a no-op; without one each call
 * is a new receipt.
 */
@RestController
@CommandRefusals
@PreAuthorize("hasRole('ADMIN')")
public class InventoryCommandController {

    public record ReceiptRequest(int quantity, String reason) {
    }

    public record AdjustmentRequest(int delta, String reason) {
    }

    /**
     * The rule an order's key follows, capped at the 100 characters a receipt or adjustment id may have: a key in
     * another encoding would otherwise be stored as whatever bytes Netty decoded it to.
     */
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,100}");

    private final CommandSender commands;
    private final CatalogLookup catalog;

    public InventoryCommandController(CommandSender commands, CatalogLookup catalog) {
        this.commands = commands;
        this.catalog = catalog;
    }

    @ResponseStatus(HttpStatus.ACCEPTED) // as its ResponseEntity says, for the OpenAPI spec
    @PostMapping(path = "/api/inventory/{sku}/receipts", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Map<String, String>>> receive(
            @PathVariable String sku, @RequestBody ReceiptRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @AuthenticationPrincipal Jwt user) {
        ReceiveStock command = new ReceiveStock(sku, request.quantity(), request.reason(), idOrNew(idempotencyKey));
        return requireProduct(sku)
                .then(commands.send(command, user.getSubject(), sku))
                .then(Mono.fromSupplier(() -> accepted(sku, command.receiptId())));
    }

    @ResponseStatus(HttpStatus.ACCEPTED) // as its ResponseEntity says, for the OpenAPI spec
    @PostMapping(path = "/api/inventory/{sku}/adjustments", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Map<String, String>>> adjust(
            @PathVariable String sku, @RequestBody AdjustmentRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @AuthenticationPrincipal Jwt user) {
        AdjustStock command = new AdjustStock(sku, request.delta(), request.reason(), idOrNew(idempotencyKey));
        return requireProduct(sku)
                .then(commands.send(command, user.getSubject(), sku))
                .then(Mono.fromSupplier(() -> accepted(sku, command.adjustmentId())));
    }

    private Mono<Void> requireProduct(String sku) {
        return commands.blocking(() -> catalog.exists(sku))
                .flatMap(exists -> exists ? Mono.<Void>empty()
                        : Mono.error(RejectedCommand.notFound("unknown-product", "No product with SKU " + sku)));
    }

    private static String idOrNew(String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return UUID.randomUUID().toString();
        }
        if (!IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidValueException("Idempotency-Key", "must be 1-100 visible ASCII characters");
        }
        return idempotencyKey;
    }

    private static ResponseEntity<Map<String, String>> accepted(String sku, String receiptId) {
        return ResponseEntity.accepted().location(URI.create("/api/products/" + sku))
                .body(Map.of("sku", sku, "receiptId", receiptId));
    }
}
