/// A promise to pay (PTP): the consumer says they will pay `amount` by `dueDate`.
public struct PromiseToPay: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Tagged<PromiseToPay>
    public var id: ID
    public var accountID: Account.ID
    public var amount: Money
    public var dueDate: LocalDate
    /// The day the promise was made: payments before it were not made on this promise.
    public var madeOn: LocalDate
    public var madeBy: String

    /// Validates a new promise: a positive amount, no more than the balance, due today or later.
    public init(id: ID, accountID: Account.ID, amount: Money, dueDate: LocalDate, madeOn today: LocalDate,
                madeBy: String, balance: Money) throws(TermsError) {
        guard amount > .zero else { throw .nonPositiveAmount(amount) }
        guard amount <= balance else { throw .amountOverBalance(amount: amount, balance: balance) }
        guard dueDate >= today else { throw .dateInPast(date: dueDate, today: today) }
        self.init(id: id, accountID: accountID, amount: amount, dueDate: dueDate, madeOn: today, madeBy: madeBy)
    }

    /// Rebuilds a stored promise without re-validating it (it was valid when made; its
    /// due date may be in the past now).
    public init(id: ID, accountID: Account.ID, amount: Money, dueDate: LocalDate, madeOn: LocalDate, madeBy: String) {
        self.id = id; self.accountID = accountID; self.amount = amount; self.dueDate = dueDate
        self.madeOn = madeOn; self.madeBy = madeBy
    }
}

public enum PromiseStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not fully paid yet, and the grace period has not ended.
    case pending
    /// Paid in full by the due date plus grace.
    case kept
    /// Some, not all, paid by the due date plus grace.
    case partiallyKept = "partially_kept"
    /// Nothing paid by the due date plus grace.
    case broken
}

/// How promises are judged.
public struct PromisePolicy: Sendable, Hashable, Codable {
    /// Calendar days after the due date during which a payment still keeps the promise.
    /// Default 3: an ACH debit or a mailed check the consumer sends on the due date is
    /// usually posted 1–3 days later, and the consumer should not be told their promise is
    /// broken for the bank's delay.
    public var graceDays: Int

    public init(graceDays: Int = 3) { self.graceDays = max(0, graceDays) }
    public static let standard = PromisePolicy()
}

/// A promise and what the payments made of it.
public struct PromiseEvaluation: Sendable, Hashable {
    public var promise: PromiseToPay
    public var status: PromiseStatus
    /// Paid toward this promise within its window (never more than the promise).
    public var paid: Money
    /// The last day a payment keeps the promise (due date + grace).
    public var deadline: LocalDate
    /// The date of the payment that completed the promise, when kept.
    public var keptOn: LocalDate?

    public var shortfall: Money { promise.amount - paid }
}
