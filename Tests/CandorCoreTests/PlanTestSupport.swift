import CandorCore
import Foundation

/// Shorthands for the collections tests (promises, plans, settlements, NACHA, audit).
enum PlanFixture {
    static func day(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }
    static func usd(_ text: String) -> Money { try! Money(parsing: text) }
    static func instant(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    static func budget(income: String, housing: String = "0", utilities: String = "0", food: String = "0",
                       transport: String = "0", medical: String = "0", other: String = "0") -> Budget {
        try! Budget(monthlyIncome: usd(income), expenses: EssentialExpenses(
            housing: usd(housing), utilities: usd(utilities), food: usd(food), transport: usd(transport),
            medical: usd(medical), other: usd(other)))
    }

    static func pay(_ date: String, _ amount: String) -> ReceivedPayment {
        ReceivedPayment(date: day(date), amount: usd(amount))
    }
}

typealias PlanRandom = SplitMix64
