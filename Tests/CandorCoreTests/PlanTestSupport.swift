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

/// SplitMix64: a tiny seeded generator so random tests repeat exactly.
struct PlanRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
