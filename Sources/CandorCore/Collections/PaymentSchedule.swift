/// How often installments fall due.
public enum InstallmentFrequency: String, Sendable, Hashable, Codable, CaseIterable {
    case weekly, biweekly, monthly

    public var periodsPerYear: Int64 {
        switch self {
        case .weekly: return 52
        case .biweekly: return 26
        case .monthly: return 12
        }
    }

    /// The due date of installment `index` (0-based). Monthly dates keep the first date's
    /// day of the month, clamped to the month's end (Jan 31 → Feb 28 → Mar 31), so a
    /// schedule never drifts to the 28th after one short month.
    public func dueDate(index: Int, first: LocalDate) -> LocalDate {
        switch self {
        case .weekly: return first.adding(days: 7 * index)
        case .biweekly: return first.adding(days: 14 * index)
        case .monthly: return first.addingMonths(index)
        }
    }

    /// What an installment amounts to per month (rounded down).
    public func monthlyEquivalent(of installment: Money) -> Money {
        Money(cents: installment.cents * periodsPerYear / 12)
    }

    /// The installment that amounts to `monthly` a month (rounded down, so never more).
    public func installment(forMonthly monthly: Money) -> Money {
        Money(cents: monthly.cents * 12 / periodsPerYear)
    }

    /// The smallest installment whose monthly equivalent reaches `monthly` (rounded up).
    public func installment(atLeastMonthly monthly: Money) -> Money {
        Money(cents: (monthly.cents * 12 + periodsPerYear - 1) / periodsPerYear)
    }

    /// How many installments fit in `months`: installment dates strictly before the same
    /// day `months` months after the first. For a monthly plan that is `months`.
    public func maximumInstallments(inMonths months: Int, first: LocalDate) -> Int {
        let end = first.addingMonths(months)
        var n = 0
        while dueDate(index: n, first: first) < end { n += 1 }
        return n
    }
}

public struct Installment: Sendable, Hashable, Codable {
    /// 1-based.
    public var number: Int
    public var dueDate: LocalDate
    public var amount: Money

    public init(number: Int, dueDate: LocalDate, amount: Money) {
        self.number = number; self.dueDate = dueDate; self.amount = amount
    }
}

/// Installments in exact cents that add up to the total; any remainder falls on the last.
public struct PaymentSchedule: Sendable, Hashable, Codable {
    public var frequency: InstallmentFrequency
    public private(set) var installments: [Installment]

    public var total: Money { installments.reduce(.zero) { $0 + $1.amount } }
    public var firstDueDate: LocalDate? { installments.first?.dueDate }
    public var lastDueDate: LocalDate? { installments.last?.dueDate }
    /// The regular (first) installment.
    public var regularInstallment: Money { installments.first?.amount ?? .zero }

    /// A schedule as stored (no arithmetic re-done).
    public init(frequency: InstallmentFrequency, installments: [Installment]) {
        self.frequency = frequency; self.installments = installments
    }

    /// `count` equal installments of ⌊total / count⌋; the last also takes the remainder.
    /// Requires `total > 0` and `count ≥ 1`.
    public static func split(total: Money, count: Int, frequency: InstallmentFrequency, first: LocalDate) -> PaymentSchedule {
        precondition(total > .zero && count >= 1, "split needs a positive total and at least one installment")
        let base = total.cents / Int64(count)
        let remainder = total.cents - base * Int64(count)
        let installments = (0..<count).map { i in
            Installment(number: i + 1, dueDate: frequency.dueDate(index: i, first: first),
                        amount: Money(cents: base + (i == count - 1 ? remainder : 0)))
        }
        return PaymentSchedule(frequency: frequency, installments: installments.filter { $0.amount > .zero })
    }

    /// Installments of `regular` until the total is paid; the last is the remainder
    /// (never more than `regular`, never zero). Requires both positive.
    public static func level(total: Money, regular: Money, frequency: InstallmentFrequency, first: LocalDate) -> PaymentSchedule {
        precondition(total > .zero && regular > .zero, "level needs a positive total and installment")
        let count = Int((total.cents + regular.cents - 1) / regular.cents)
        let installments = (0..<count).map { i in
            Installment(number: i + 1, dueDate: frequency.dueDate(index: i, first: first),
                        amount: i == count - 1 ? total - Money(cents: regular.cents * Int64(count - 1)) : regular)
        }
        return PaymentSchedule(frequency: frequency, installments: installments)
    }

    /// The schedule whose installments are as equal as possible, none above `atMost`:
    /// the fewest installments that fit, then the total spread evenly over them (rounded
    /// up, remainder on the last).
    public static func even(total: Money, atMost: Money, frequency: InstallmentFrequency, first: LocalDate) -> PaymentSchedule {
        let count = (total.cents + atMost.cents - 1) / atMost.cents
        return level(total: total, regular: total.dividedRoundingUp(by: count), frequency: frequency, first: first)
    }

    /// Months spanned, counted as the client's maximum term counts them: the smallest `m`
    /// such that every installment falls before the same day `m` months after the first.
    public var termMonths: Int {
        guard let first = firstDueDate, let last = lastDueDate else { return 0 }
        var m = 1
        while first.addingMonths(m) <= last { m += 1 }
        return m
    }
}

extension LocalDate {
    /// The same day `months` later, clamped to the end of a shorter month.
    public func addingMonths(_ months: Int) -> LocalDate {
        let zeroBased = year * 12 + (month - 1) + months
        let y = zeroBased / 12, m = zeroBased % 12 + 1
        return LocalDate(year: y, month: m, day: min(day, LocalDate.daysIn(month: m, year: y)))!
    }
}
