package com.allinone.commerce.sagas.inventory;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/audit/reconciliation}: served by the command node, which owns the stock ledger (DESIGN §7). */
@RestController
@PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN')")
public class ReconciliationController {

    private final StockReconciler reconciler;

    public ReconciliationController(StockReconciler reconciler) {
        this.reconciler = reconciler;
    }

    @GetMapping("/api/audit/reconciliation")
    public Mono<StockReconciler.Reconciliation> reconciliation() {
        return reconciler.reconcile();
    }
}
