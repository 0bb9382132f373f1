/// Terms an agent can offer: a schedule for all of the balance or a settled part of it.
public struct PlanTerms: Sendable, Hashable, Codable {
    /// The balance the terms were built against.
    public var balance: Money
    public var schedule: PaymentSchedule
    /// Who must approve before the terms can be agreed (nil: within the client's rules).
    public var requiresApproval: StaffRole?

    public init(balance: Money, schedule: PaymentSchedule, requiresApproval: StaffRole? = nil) {
        self.balance = balance; self.schedule = schedule; self.requiresApproval = requiresApproval
    }

    public var total: Money { schedule.total }
    /// What the client forgives if the terms are kept.
    public var discount: Money { balance - total }
    public var isSettlement: Bool { total < balance }
    /// The discount as a share of the balance, basis points, rounded down.
    public var discountBasisPoints: Int {
        balance > .zero ? Int(Int128(discount.cents) * 10_000 / Int128(balance.cents)) : 0
    }
}

/// Why the builder proposes a hardship review instead of a plan.
public enum HardshipReason: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Essentials take all of the income.
    case noDisposableIncome
    /// The affordable monthly payment is below the client's minimum installment.
    case minimumNotAffordable(affordableMonthly: Money, minimum: Money)
    /// Even the largest affordable plan would not clear the balance within the maximum
    /// term, and no settlement fits either.
    case notPayableWithinTerm(affordableMonthly: Money, neededMonthly: Money, maximumMonths: Int)

    public var description: String {
        switch self {
        case .noDisposableIncome:
            return "essential expenses take all of the consumer's income"
        case .minimumNotAffordable(let a, let m):
            return "the consumer can afford \(a.formatted) a month, below the client's minimum of \(m.formatted)"
        case .notPayableWithinTerm(let a, let n, let months):
            return "the consumer can afford \(a.formatted) a month; clearing the balance in \(months) months needs \(n.formatted)"
        }
    }
}

/// One thing the agent may offer.
public enum PlanOption: Sendable, Hashable {
    /// One payment of the whole balance (the consumer can afford it now).
    case payInFull(PlanTerms)
    /// The whole balance in affordable installments within the maximum term.
    case installmentPlan(PlanTerms)
    /// Less than the balance, in one payment from the lump sum the consumer has.
    case settlementLumpSum(PlanTerms)
    /// The settlement floor in affordable installments within the settlement term.
    case settlementPlan(PlanTerms)
    /// No plan the consumer can afford: refer to a hardship review (a supervisor may pause
    /// collection, waive interest or approve terms outside the rules) and to nonprofit
    /// credit counseling, rather than set up a plan that will fail.
    case hardshipReview(HardshipReason, counselingReferral: Bool)

    public var terms: PlanTerms? {
        switch self {
        case .payInFull(let t), .installmentPlan(let t), .settlementLumpSum(let t), .settlementPlan(let t): return t
        case .hardshipReview: return nil
        }
    }
}

/// What the builder found and offers.
public struct PlanProposal: Sendable, Hashable {
    public var disposableIncome: Money
    public var affordableMonthly: Money
    public var options: [PlanOption]
}
