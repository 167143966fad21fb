package com.allinone.commerce.commandside.shipping;

import com.allinone.commerce.api.common.FlowIds;
import com.allinone.commerce.api.shipping.DeliverShipment;
import com.allinone.commerce.api.shipping.DispatchShipment;
import com.allinone.commerce.axonconfig.openapi.CommandRefusals;
import com.allinone.commerce.commandside.web.CommandSender;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Warehouse actions on a shipment; the answer points at the order the shipment belongs to. An order has at most one
 * shipment, whose id derives from the orderId (DESIGN §3), so the warehouse may also name the order instead.
 */
@RestController
@CommandRefusals
@PreAuthorize("hasRole('ADMIN')")
public class ShipmentCommandController {

    private final CommandSender commands;

    public ShipmentCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @ResponseStatus(HttpStatus.ACCEPTED) // as its ResponseEntity says, for the OpenAPI spec
    @PostMapping("/api/shipments/{shipmentId}/dispatch")
    public Mono<ResponseEntity<Map<String, String>>> dispatch(@PathVariable String shipmentId,
                                                              @AuthenticationPrincipal Jwt user) {
        return commands.<String>send(new DispatchShipment(shipmentId), user.getSubject(), null)
                .map(orderId -> accepted(shipmentId, orderId));
    }

    @ResponseStatus(HttpStatus.ACCEPTED) // as its ResponseEntity says, for the OpenAPI spec
    @PostMapping("/api/shipments/{shipmentId}/deliver")
    public Mono<ResponseEntity<Map<String, String>>> deliver(@PathVariable String shipmentId,
                                                             @AuthenticationPrincipal Jwt user) {
        return commands.<String>send(new DeliverShipment(shipmentId), user.getSubject(), null)
                .map(orderId -> accepted(shipmentId, orderId));
    }

    @ResponseStatus(HttpStatus.ACCEPTED) // as its ResponseEntity says, for the OpenAPI spec
    @PostMapping("/api/orders/{orderId}/shipment/dispatch")
    public Mono<ResponseEntity<Map<String, String>>> dispatchOrder(@PathVariable String orderId,
                                                                   @AuthenticationPrincipal Jwt user) {
        return dispatch(FlowIds.shipmentId(orderId), user);
    }

    @ResponseStatus(HttpStatus.ACCEPTED) // as its ResponseEntity says, for the OpenAPI spec
    @PostMapping("/api/orders/{orderId}/shipment/deliver")
    public Mono<ResponseEntity<Map<String, String>>> deliverOrder(@PathVariable String orderId,
                                                                  @AuthenticationPrincipal Jwt user) {
        return deliver(FlowIds.shipmentId(orderId), user);
    }

    private static ResponseEntity<Map<String, String>> accepted(String shipmentId, String orderId) {
        return ResponseEntity.accepted().location(URI.create("/api/me/orders/" + orderId))
                .body(Map.of("shipmentId", shipmentId, "orderId", orderId));
    }
}
