/// Where a plan stands, decided from its schedule and the payments that arrived.
///
/// The missed-installment rule (docs/COLLECTIONS.md):
/// - Payments count toward a plan from the day it was agreed, and are applied to the
///   installments in due-date order (an overpayment pays ahead).
/// - An installment is *missed* when, after its due date plus the client's grace days, the
///   payments made by then do not cover it and everything due before it.
/// - A missed amount stays owed: to be current again the consumer pays everything due so
///   far (`amountToBeCurrent`). Doing so cures the miss and the plan is current again.
/// - When `defaultAfterMisses` installments (default 2) are missed at the same moment, the
///   plan is in default, for good: later payments still reduce the balance but do not revive
///   it; a new plan needs a new agreement. A defaulted settlement loses its discount: what is
///   owed is the balance at agreement less what was paid.
public enum PlanState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Everything past its grace period is paid.
    case current
    /// An installment is past due but still within grace: worth a reminder call today.
    case atRisk = "at_risk"
    /// One or more (fewer than the default threshold) installments are missed.
    case missedInstallment = "missed_installment"
    case defaulted
    /// The plan total is paid (a settlement: the debt is settled).
    case completed
}

public struct PlanStatusReport: Sendable, Hashable {
    public var state: PlanState
    /// Paid toward the plan since it was agreed (as of today).
    public var paid: Money
    /// Installments missed and still unpaid today.
    public var missedInstallments: Int
    /// Unpaid amount of installments past their grace period.
    public var arrears: Money
    /// Everything due up to today, less what was paid: what brings the plan current.
    public var amountToBeCurrent: Money
    /// The first installment not yet fully paid, and what is left of it.
    public var nextInstallment: Installment?
    public var nextInstallmentUnpaid: Money
    /// The day after the grace period of the installment that put the plan in default.
    public var defaultedOn: LocalDate?
    /// What is still owed: the plan total less paid, or for a defaulted settlement the
    /// balance at agreement less paid.
    public var remaining: Money
}

extension PaymentPlan {
    public func status(payments: [ReceivedPayment], today: LocalDate, rules: ClientRules) -> PlanStatusReport {
        let counted = ReceivedPayment.chronological(payments.filter {
            $0.amount > .zero && $0.date >= agreedOn && $0.date <= today
        })
        func paid(through day: LocalDate) -> Money {
            counted.reduce(.zero) { $1.date <= day ? $0 + $1.amount : $0 }
        }
        let installments = schedule.installments
        var cumulative: [Money] = []
        var running = Money.zero
        for i in installments { running += i.amount; cumulative.append(running) }
        func deadline(_ i: Installment) -> LocalDate { i.dueDate.adding(days: rules.graceDays) }

        // Default: the first deadline at which `defaultAfterMisses` installments stood missed.
        // Misses only grow at deadlines, so checking each passed deadline finds the first.
        var defaultedOn: LocalDate?
        var completedOn: LocalDate?
        var runningPaid = Money.zero
        for p in counted {
            runningPaid += p.amount
            if runningPaid >= total { completedOn = p.date; break }
        }
        for (k, installment) in installments.enumerated() where deadline(installment) < today {
            let end = deadline(installment)
            if let completedOn, completedOn <= end { break }
            let paidThen = paid(through: end)
            let missed = cumulative[...k].filter { $0 > paidThen }.count
            if missed >= rules.defaultAfterMisses { defaultedOn = end.adding(days: 1); break }
        }

        let paidNow = paid(through: today)
        let pastGrace = installments.indices.filter { deadline(installments[$0]) < today }
        let duePastGrace = pastGrace.last.map { cumulative[$0] } ?? .zero
        let dueSoFar = installments.indices.last(where: { installments[$0].dueDate <= today }).map { cumulative[$0] } ?? .zero
        let missedNow = pastGrace.filter { cumulative[$0] > paidNow }.count
        let next = installments.indices.first { cumulative[$0] > paidNow }
        let inGraceUnpaid = installments.indices.contains {
            installments[$0].dueDate <= today && deadline(installments[$0]) >= today && cumulative[$0] > paidNow
        }

        let state: PlanState
        // A settlement completed after default does not settle: the discount was lost.
        if paidNow >= total, defaultedOn == nil || !isSettlement {
            state = .completed
        } else if defaultedOn != nil {
            state = .defaulted
        } else if missedNow > 0 {
            state = .missedInstallment
        } else if inGraceUnpaid {
            state = .atRisk
        } else {
            state = .current
        }
        let owed = (state == .defaulted && isSettlement) ? balanceAtAgreement : total
        return PlanStatusReport(
            state: state, paid: paidNow, missedInstallments: missedNow,
            arrears: max(.zero, duePastGrace - paidNow), amountToBeCurrent: max(.zero, dueSoFar - paidNow),
            nextInstallment: next.map { installments[$0] },
            nextInstallmentUnpaid: next.map { min(installments[$0].amount, cumulative[$0] - paidNow) } ?? .zero,
            defaultedOn: state == .completed ? nil : defaultedOn,
            remaining: max(.zero, owed - paidNow))
    }
}
