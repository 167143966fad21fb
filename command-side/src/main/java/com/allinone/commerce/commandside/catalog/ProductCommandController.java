package com.allinone.commerce.commandside.catalog;

import com.allinone.commerce.api.catalog.ChangeProductPrice;
import com.allinone.commerce.api.catalog.CreateProduct;
import com.allinone.commerce.api.catalog.DiscontinueProduct;
import com.allinone.commerce.api.catalog.SetPurchaseLimit;
import com.allinone.commerce.api.common.Money;
import com.allinone.commerce.axonconfig.openapi.CommandRefusals;
import com.allinone.commerce.commandside.web.CommandSender;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@CommandRefusals
@PreAuthorize("hasRole('ADMIN')")
public class ProductCommandController {

    private final CommandSender commands;

    public ProductCommandController(CommandSender commands) {
        this.commands = commands;
    }

    /** The body is the command itself: it has no field a client may not set. */
    @ResponseStatus(HttpStatus.ACCEPTED) // as its ResponseEntity says, for the OpenAPI spec
    @PostMapping(path = "/api/products", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Map<String, String>>> create(@RequestBody CreateProduct command,
                                                            @AuthenticationPrincipal Jwt user) {
        return commands.send(command, user.getSubject(), command.sku())
                .then(Mono.fromSupplier(() -> accepted(command.sku())));
    }

    @ResponseStatus(HttpStatus.ACCEPTED) // as its ResponseEntity says, for the OpenAPI spec
    @PutMapping(path = "/api/products/{sku}/price", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Map<String, String>>> changePrice(@PathVariable String sku, @RequestBody Money price,
                                                                 @AuthenticationPrincipal Jwt user) {
        return commands.send(new ChangeProductPrice(sku, price), user.getSubject(), sku)
                .then(Mono.fromSupplier(() -> accepted(sku)));
    }

    /** A flash sale's fairness rule: {@code {"perCustomer": 2}}, or {@code {"perCustomer": null}} to lift it. */
    public record PurchaseLimitRequest(Integer perCustomer) {
    }

    @ResponseStatus(HttpStatus.ACCEPTED) // as its ResponseEntity says, for the OpenAPI spec
    @PutMapping(path = "/api/products/{sku}/purchase-limit", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Map<String, String>>> setPurchaseLimit(@PathVariable String sku,
                                                                      @RequestBody PurchaseLimitRequest request,
                                                                      @AuthenticationPrincipal Jwt user) {
        return commands.send(new SetPurchaseLimit(sku, request.perCustomer()), user.getSubject(), sku)
                .then(Mono.fromSupplier(() -> accepted(sku)));
    }

    @ResponseStatus(HttpStatus.ACCEPTED) // as its ResponseEntity says, for the OpenAPI spec
    @PostMapping("/api/products/{sku}/discontinue")
    public Mono<ResponseEntity<Map<String, String>>> discontinue(@PathVariable String sku,
                                                                 @AuthenticationPrincipal Jwt user) {
        return commands.send(new DiscontinueProduct(sku), user.getSubject(), sku)
                .then(Mono.fromSupplier(() -> accepted(sku)));
    }

    static ResponseEntity<Map<String, String>> accepted(String sku) {
        return ResponseEntity.accepted().location(URI.create("/api/products/" + sku)).body(Map.of("sku", sku));
    }
}
