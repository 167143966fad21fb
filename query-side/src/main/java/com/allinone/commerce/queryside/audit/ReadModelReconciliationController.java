package com.allinone.commerce.queryside.audit;

import com.allinone.commerce.readmodels.verify.ReadModelReport;
import com.allinone.commerce.readmodels.verify.ReadModelTarget;
import com.allinone.commerce.readmodels.verify.ReadModelVerifier;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/audit/reconciliation/read-models} (DESIGN §7): {@code my_orders} and {@code admin_stats} against the
 * fold of the event store. The verifier works on its own thread, never on the event loop, and a client that hangs up
 * stops it between two reads without interrupting one.
 */
@RestController
@PreAuthorize("hasRole('AUDITOR')")
public class ReadModelReconciliationController {

    private final ReadModelVerifier verifier;
    private final ReadModelTarget liveReadModels;

    public ReadModelReconciliationController(ReadModelVerifier verifier, ReadModelTarget liveReadModels) {
        this.verifier = verifier;
        this.liveReadModels = liveReadModels;
    }

    @GetMapping("/api/audit/reconciliation/read-models")
    public Mono<ReadModelReport> readModels() {
        return verifier.verify(liveReadModels);
    }
}
