/// Decides kept / partially kept / broken / pending for an account's promises from the
/// payments that arrived. Pure: the daily job and the payment-posting path both call it
/// with the same inputs and get the same answer.
///
/// Allocation rule (documented in docs/COLLECTIONS.md):
/// - promises are served in due-date order (ties: the earlier-made promise, then the ID);
/// - each takes from the earliest payments that are still unallocated and fall inside its
///   window: on or after the day it was made, on or before its deadline (due + grace) and
///   on or before today;
/// - a payment larger than a promise carries its remainder to the next promise;
/// - a payment never counts twice, and a reversed payment should not be passed in
///   (`ReceivedPayment.standing(on:)` leaves reversals out).
public enum PromiseEvaluator {
    public static func evaluate(_ promises: [PromiseToPay], payments: [ReceivedPayment], today: LocalDate,
                                policy: PromisePolicy = .standard) -> [PromiseEvaluation] {
        var pool = ReceivedPayment.chronological(payments.filter { $0.amount > .zero })
        let ordered = promises.sorted {
            ($0.dueDate, $0.madeOn, $0.id.rawValue) < ($1.dueDate, $1.madeOn, $1.id.rawValue)
        }
        var results: [PromiseEvaluation] = []
        results.reserveCapacity(ordered.count)
        for promise in ordered {
            let deadline = promise.dueDate.adding(days: policy.graceDays)
            let lastCountedDay = min(deadline, today)
            var paid = Money.zero
            var keptOn: LocalDate?
            for i in pool.indices where paid < promise.amount {
                let payment = pool[i]
                guard payment.amount > .zero, payment.date >= promise.madeOn, payment.date <= lastCountedDay else { continue }
                let take = min(payment.amount, promise.amount - paid)
                paid += take
                pool[i].amount -= take
                if paid == promise.amount { keptOn = payment.date }
            }
            let status: PromiseStatus
            if paid == promise.amount {
                status = .kept
            } else if today <= deadline {
                status = .pending
            } else {
                status = paid > .zero ? .partiallyKept : .broken
            }
            results.append(PromiseEvaluation(promise: promise, status: status, paid: paid, deadline: deadline,
                                             keptOn: keptOn))
        }
        return results
    }
}

/// Counts for the supervisor view and KPIs.
public struct PromiseTally: Sendable, Hashable {
    public var pending = 0
    public var kept = 0
    public var partiallyKept = 0
    public var broken = 0

    public init(_ evaluations: [PromiseEvaluation]) {
        for e in evaluations {
            switch e.status {
            case .pending: pending += 1
            case .kept: kept += 1
            case .partiallyKept: partiallyKept += 1
            case .broken: broken += 1
            }
        }
    }

    /// Promises whose outcome is known (kept early, or past their deadline).
    public var due: Int { kept + partiallyKept + broken }

    /// Kept rate = promises kept / promises due, in basis points (nil when none are due).
    /// A partially kept promise is not kept.
    public var keptRateBasisPoints: Int? { due == 0 ? nil : kept * 10_000 / due }
}
