/// The balance parts a ledger entry moves. Allocation and reversal work on these.
public struct BalanceParts: Sendable, Hashable, Codable {
    public var principal: Money
    public var interest: Money
    public var fees: Money

    public init(principal: Money = .zero, interest: Money = .zero, fees: Money = .zero) {
        self.principal = principal; self.interest = interest; self.fees = fees
    }

    public var total: Money { principal + interest + fees }
    public static prefix func - (p: BalanceParts) -> BalanceParts {
        BalanceParts(principal: -p.principal, interest: -p.interest, fees: -p.fees)
    }
    public static func + (a: BalanceParts, b: BalanceParts) -> BalanceParts {
        BalanceParts(principal: a.principal + b.principal, interest: a.interest + b.interest, fees: a.fees + b.fees)
    }
}

public struct LedgerEntry: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Tagged<LedgerEntry>
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case payment, reversal, adjustment, interest, fee
    }

    public var id: ID
    public var kind: Kind
    /// Signed change to the balance: payments are negative, interest and fees positive.
    public var amount: Money { parts.total }
    public var parts: BalanceParts
    public var effectiveDate: LocalDate
    public var memo: String?
    /// For a reversal: the payment it undoes.
    public var reverses: ID?

    public init(id: ID, kind: Kind, parts: BalanceParts, effectiveDate: LocalDate, memo: String? = nil,
                reverses: ID? = nil) {
        self.id = id; self.kind = kind; self.parts = parts; self.effectiveDate = effectiveDate
        self.memo = memo; self.reverses = reverses
    }
}

/// Order in which a payment pays down the balance parts; per client. The default is the
/// industry's usual fees → interest → principal.
public struct AllocationWaterfall: Sendable, Hashable, Codable {
    public enum Part: String, Sendable, Hashable, Codable { case fees, interest, principal }
    public var order: [Part]
    public init(order: [Part]) { self.order = order }
    public static let standard = AllocationWaterfall(order: [.fees, .interest, .principal])
}

public enum LedgerError: Error, Equatable, Sendable, CustomStringConvertible {
    case nonPositiveAmount(Money)
    case paymentExceedsBalance(payment: Money, balance: Money)
    case adjustmentBelowZero(adjustment: Money, balance: Money)
    case notAPayment(LedgerEntry.ID)
    case alreadyReversed(LedgerEntry.ID)
    case unknownEntry(LedgerEntry.ID)

    public var description: String {
        switch self {
        case .nonPositiveAmount(let m): return "amount must be greater than zero (got \(m.decimalString))"
        case .paymentExceedsBalance(let p, let b): return "payment \(p.formatted) is more than the balance \(b.formatted)"
        case .adjustmentBelowZero(let a, let b): return "adjustment \(a.formatted) would take the balance \(b.formatted) below zero"
        case .notAPayment(let id): return "entry \(id) is not a payment and cannot be reversed"
        case .alreadyReversed(let id): return "payment \(id) is already reversed"
        case .unknownEntry(let id): return "no ledger entry \(id) on this account"
        }
    }
}

/// An account's ledger: the itemization amount and every transaction since.
/// Invariant: `balance == itemizationAmount + Σ entries.amount`, and no part goes below zero.
public struct Ledger: Sendable, Hashable, Codable {
    public let itemizationAmount: Money
    public private(set) var entries: [LedgerEntry]

    public init(itemizationAmount: Money, entries: [LedgerEntry] = []) {
        self.itemizationAmount = itemizationAmount
        self.entries = entries
    }

    /// The itemization amount is principal; everything after moves its own part.
    public var parts: BalanceParts {
        entries.reduce(BalanceParts(principal: itemizationAmount)) { $0 + $1.parts }
    }
    public var balance: Money { itemizationAmount + entries.reduce(Money.zero) { $0 + $1.amount } }

    /// The opening entries a placement's Reg F itemization implies (interest, fees, payments
    /// and credits since the itemization date), so the ledger starts at the placed balance.
    public static func opening(itemization: Itemization, effectiveDate: LocalDate,
                               newID: () -> LedgerEntry.ID) -> Ledger {
        var ledger = Ledger(itemizationAmount: itemization.amount)
        let memo = "since itemization date \(itemization.date)"
        if itemization.interestSince > .zero {
            ledger.entries.append(LedgerEntry(id: newID(), kind: .interest,
                parts: BalanceParts(interest: itemization.interestSince), effectiveDate: effectiveDate, memo: "interest " + memo))
        }
        if itemization.feesSince > .zero {
            ledger.entries.append(LedgerEntry(id: newID(), kind: .fee,
                parts: BalanceParts(fees: itemization.feesSince), effectiveDate: effectiveDate, memo: "fees " + memo))
        }
        let reductions = itemization.paymentsSince + itemization.creditsSince
        if reductions > .zero {
            // Payments and credits before placement are taken off in the standard order;
            // the placement file does not say how the creditor allocated them.
            var remaining = ledger.parts
            let parts = Ledger.allocate(reductions, over: &remaining, waterfall: .standard)
            ledger.entries.append(LedgerEntry(id: newID(), kind: .adjustment, parts: -parts,
                effectiveDate: effectiveDate, memo: "payments and credits " + memo))
        }
        return ledger
    }

    static func allocate(_ amount: Money, over parts: inout BalanceParts, waterfall: AllocationWaterfall) -> BalanceParts {
        var remaining = amount
        var taken = BalanceParts()
        for part in waterfall.order where remaining > .zero {
            switch part {
            case .fees:
                let t = min(remaining, max(parts.fees, .zero)); taken.fees += t; parts.fees -= t; remaining -= t
            case .interest:
                let t = min(remaining, max(parts.interest, .zero)); taken.interest += t; parts.interest -= t; remaining -= t
            case .principal:
                let t = min(remaining, max(parts.principal, .zero)); taken.principal += t; parts.principal -= t; remaining -= t
            }
        }
        // Anything left (only when parts were already zero) reduces principal.
        taken.principal += remaining
        return taken
    }

    /// Posts a payment, allocated by the waterfall. A payment may not exceed the balance.
    @discardableResult
    public mutating func postPayment(id: LedgerEntry.ID, amount: Money, on date: LocalDate,
                                     waterfall: AllocationWaterfall = .standard, memo: String? = nil) throws(LedgerError) -> LedgerEntry {
        guard amount > .zero else { throw .nonPositiveAmount(amount) }
        let balance = self.balance
        guard amount <= balance else { throw .paymentExceedsBalance(payment: amount, balance: balance) }
        var current = parts
        let taken = Ledger.allocate(amount, over: &current, waterfall: waterfall)
        let entry = LedgerEntry(id: id, kind: .payment, parts: -taken, effectiveDate: date, memo: memo)
        entries.append(entry)
        return entry
    }

    /// Undoes exactly the allocation of a payment (returned ACH, chargeback).
    @discardableResult
    public mutating func reverse(payment paymentID: LedgerEntry.ID, id: LedgerEntry.ID, on date: LocalDate,
                                 memo: String? = nil) throws(LedgerError) -> LedgerEntry {
        guard let payment = entries.first(where: { $0.id == paymentID }) else { throw .unknownEntry(paymentID) }
        guard payment.kind == .payment else { throw .notAPayment(paymentID) }
        guard !entries.contains(where: { $0.reverses == paymentID }) else { throw .alreadyReversed(paymentID) }
        let entry = LedgerEntry(id: id, kind: .reversal, parts: -payment.parts, effectiveDate: date, memo: memo,
                                reverses: paymentID)
        entries.append(entry)
        return entry
    }

    /// Interest or a fee accrued (positive).
    @discardableResult
    public mutating func charge(_ kind: LedgerEntry.Kind, id: LedgerEntry.ID, amount: Money, on date: LocalDate,
                                memo: String? = nil) throws(LedgerError) -> LedgerEntry {
        guard amount > .zero else { throw .nonPositiveAmount(amount) }
        let parts = kind == .interest ? BalanceParts(interest: amount) : BalanceParts(fees: amount)
        let entry = LedgerEntry(id: id, kind: kind == .interest ? .interest : .fee, parts: parts,
                                effectiveDate: date, memo: memo)
        entries.append(entry)
        return entry
    }

    /// A principal adjustment (a correction or a client-approved write-down). Signed; the
    /// principal may not go below zero.
    @discardableResult
    public mutating func adjust(id: LedgerEntry.ID, amount: Money, on date: LocalDate, memo: String? = nil) throws(LedgerError) -> LedgerEntry {
        guard amount != .zero else { throw .nonPositiveAmount(amount) }
        let current = parts
        guard current.principal + amount >= .zero else {
            throw .adjustmentBelowZero(adjustment: amount, balance: balance)
        }
        let entry = LedgerEntry(id: id, kind: .adjustment, parts: BalanceParts(principal: amount),
                                effectiveDate: date, memo: memo)
        entries.append(entry)
        return entry
    }
}
