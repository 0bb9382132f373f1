import CandorCore
import CandorStore
import Foundation

/// The account page's collector sections: forms, history, promises, plans, notes, payments.
struct Workspace {
    let accountID: String
    let dispositions: [StoredDisposition]
    let promises: [StoredPromise]
    let plans: [StoredPlan]
    let notes: [AccountNote]
    let payments: [StoredPayment]
    let rules: ClientRules
    let user: StoredUser
    let today: LocalDate
    let proposal: ProposalResponse?
    let notice: String?
    let error: String?
    var names: [String: String] = [:]
    var audit: [AuditEntry]? = nil
    /// What speech analytics heard on this account's calls and did about it.
    var speechEvents: [AccountEventView] = []

    var context: [String: Any] {
        func who(_ id: String) -> String { names[id] ?? id }
        var c: [String: Any] = [
            "dispositionOptions": Disposition.allCases.map { ["value": $0.rawValue, "label": $0.label] },
            "history": dispositions.map { d -> [String: Any] in
                var row: [String: Any] = ["reviewUrl": "/accounts/\(accountID)/dispositions/\(d.id)/review", "at": instant(d.at), "label": d.disposition.label, "by": who(d.recordedBy),
                                          "note": d.note ?? "", "flags": d.flagsSet.map { $0.split(separator: ":").last.map(String.init) ?? $0 }.joined(separator: ", ")]
                if let cb = d.callbackAt { row["callback"] = instant(cb) }
                if d.needsReview && d.reviewedAt == nil { row["toReview"] = true }
                if let at = d.reviewedAt { row["reviewed"] = "reviewed \(instant(at)) by \(who(d.reviewedBy ?? ""))" }
                return row
            },
            "hasHistory": !dispositions.isEmpty,
            "promises": promises.map { p -> [String: Any] in
                ["amount": p.amount.formatted, "due": p.dueDate.description, "deadline": p.deadline.description,
                 "status": label(p.status.rawValue), "paid": p.paid.formatted, "by": who(p.madeBy),
                 "warn": p.status == .broken || p.status == .partiallyKept]
            },
            "hasPromises": !promises.isEmpty,
            "plans": plans.map { p -> [String: Any] in
                let i = p.schedule.installments
                return ["kind": p.isSettlement ? "Settlement" : "Plan", "total": p.total.formatted,
                        "schedule": "\(i.count) × \(p.schedule.regularInstallment.formatted) \(p.schedule.frequency.rawValue) from \(p.schedule.firstDueDate?.description ?? "—")",
                        "state": label(p.state), "agreed": "\(p.agreedOn) by \(who(p.agreedBy))",
                        "approved": p.approvedBy.map { "approved by \(who($0))" } ?? "",
                        "warn": ["at_risk", "missed_installment", "defaulted"].contains(p.state)]
            },
            "hasPlans": !plans.isEmpty,
            "notes": notes.map { ["at": instant($0.createdAt), "by": who($0.createdBy), "body": $0.body] },
            "hasNotes": !notes.isEmpty,
            "payments": payments.map { p -> [String: Any] in
                ["date": p.effectiveDate.description, "amount": p.amount.formatted, "method": p.method.rawValue,
                 "status": p.status.rawValue, "account": p.bankAccountMasked ?? p.processorReference ?? ""]
            },
            "hasPayments": !payments.isEmpty,
            "idempotencyKey": UUID().uuidString.lowercased(),
            "today": today.description,
            "canReview": user.role >= .supervisor,
            "rulesMinimum": rules.minimumInstallment.formatted, "rulesMaxTerm": rules.maximumTermMonths,
            "rulesFloor": percent(rules.settlementFloorBasisPoints), "rulesApprover": rules.approvalRole.rawValue,
            "rulesShare": percent(rules.affordabilityShareBasisPoints),
            "rulesWaterfall": rules.waterfall.order.map(\.rawValue).joined(separator: " → "),
        ]
        if let notice { c["notice"] = notice }
        if let error { c["error"] = error }
        if !speechEvents.isEmpty {
            c["speech"] = ["events": speechEvents.map { e -> [String: Any] in
                ["at": instant(e.createdAt), "kind": label(e.kind), "action": e.action, "status": label(e.status.rawValue),
                 "pending": e.status.rawValue == "pending", "effects": e.effects.joined(separator: "; ")]
            }] as [String: Any]
        }
        if let audit {
            c["audit"] = ["entries": audit.map { e -> [String: Any] in
                ["sequence": e.sequence, "at": instant(Date(timeIntervalSince1970: TimeInterval(e.atMilliseconds) / 1000)),
                 "actor": who(e.actor), "action": e.action, "details": e.details]
            }] as [String: Any]
        }
        if let p = proposal {
            let canApprove = user.role.canApprove(asMuchAs: rules.approvalRole)
            c["proposal"] = [
                "balance": Money(cents: p.balanceCents).formatted, "disposable": Money(cents: p.disposableIncomeCents).formatted,
                "affordable": Money(cents: p.affordableMonthlyCents).formatted, "share": percent(p.affordabilityShareBasisPoints),
                "floor": Money(cents: p.settlementFloorCents).formatted,
                "options": p.options.map { o -> [String: Any] in
                    var row: [String: Any] = ["title": Self.title(o.kind)]
                    if let total = o.totalCents, let inst = o.installmentCents, let n = o.installments, let first = o.firstDueDate {
                        row["terms"] = true
                        row["total"] = Money(cents: total).formatted; row["totalValue"] = Money(cents: total).decimalString
                        row["installment"] = Money(cents: inst).formatted; row["installmentValue"] = Money(cents: inst).decimalString
                        row["count"] = n; row["first"] = first.description; row["frequency"] = o.frequency ?? "monthly"
                        if let d = o.discountCents, d > 0 { row["discount"] = Money(cents: d).formatted }
                        if let role = o.requiresApproval { row["approval"] = role; row["canApprove"] = canApprove }
                    }
                    if let reason = o.hardshipReason { row["hardship"] = reason; row["counseling"] = o.counselingReferral == true }
                    return row
                },
            ] as [String: Any]
        }
        return c
    }

    static func title(_ kind: String) -> String {
        switch kind {
        case "pay_in_full": return "Pay in full"
        case "installment_plan": return "Installment plan"
        case "settlement_lump_sum": return "Settlement, one payment"
        case "settlement_plan": return "Settlement in installments"
        default: return "Hardship review"
        }
    }
}

struct QueueView {
    let queue: WorkQueue
    let user: StoredUser

    var context: [String: Any] {
        [
            "title": "Work queue", "who": user.displayName,
            "items": queue.items.enumerated().map { i, item -> [String: Any] in
                ["n": i + 1, "id": item.account.id.rawValue, "name": item.account.consumerName, "client": item.account.clientCode,
                 "number": item.account.clientAccountNumber, "balance": item.account.balance.formatted, "reason": item.reason.label,
                 "urgent": item.reason != .balance, "assigned": item.assignedTo ?? "pool",
                 "phones": item.callableNow.compactMap { try? PhoneNumber(parsing: $0).formatted }.joined(separator: ", ")]
            },
            "hasItems": !queue.items.isEmpty, "skipped": queue.notCallableNow, "at": instant(queue.generatedAt),
        ]
    }
}

struct SupervisorView {
    let summary: SupervisorSummary
    let notice: String?

    var context: [String: Any] {
        func lines(_ l: [SupervisorLine]) -> [[String: Any]] {
            l.map { ["id": $0.accountID.rawValue, "name": $0.consumerName, "client": $0.clientCode, "what": label($0.what),
                     "amount": $0.amount?.formatted ?? "", "date": $0.date?.description ?? "", "by": $0.by,
                     "disposition": $0.dispositionID ?? ""] }
        }
        var c: [String: Any] = [
            "title": "Supervisor", "today": summary.today.description,
            "team": summary.team.map { ["username": $0.username, "name": $0.displayName, "assigned": $0.assigned,
                                        "dispositions": $0.dispositionsToday, "rpc": $0.rightPartyContactsToday, "promises": $0.promisesToday] },
            "dueToday": lines(summary.promisesDueToday), "hasDueToday": !summary.promisesDueToday.isEmpty,
            "broken": lines(summary.brokenPromises), "hasBroken": !summary.brokenPromises.isEmpty,
            "atRisk": lines(summary.plansAtRisk), "hasAtRisk": !summary.plansAtRisk.isEmpty,
            "review": lines(summary.toReview), "hasReview": !summary.toReview.isEmpty,
        ]
        if let notice { c["notice"] = notice }
        return c
    }
}

/// An instant as staff read it: `2026-05-28 20:26 UTC`.
func instant(_ date: Date) -> String {
    let iso = ISO8601Instant.format(date)
    return String(iso.prefix(16)).replacingOccurrences(of: "T", with: " ") + " UTC"
}

/// Basis points as a percentage: 6000 → `60%`, 1250 → `12.5%`.
func percent(_ basisPoints: Int) -> String {
    basisPoints % 100 == 0 ? "\(basisPoints / 100)%" : "\(basisPoints / 100).\(basisPoints % 100 / 10)%"
}
