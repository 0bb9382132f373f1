import CandorCore
import Testing

@Suite("Plan schedules")
struct PlanScheduleTests {
    typealias F = PlanFixture

    @Test("a split schedule is exact to the cent, the remainder on the last installment")
    func split() {
        let s = PaymentSchedule.split(total: F.usd("100"), count: 3, frequency: .monthly, first: F.day("2026-03-15"))
        #expect(s.installments.map(\.amount) == [F.usd("33.33"), F.usd("33.33"), F.usd("33.34")])
        #expect(s.total == F.usd("100"))
        #expect(s.installments.map(\.number) == [1, 2, 3])
    }

    @Test("a level schedule repeats the installment; the last is what remains")
    func level() {
        let s = PaymentSchedule.level(total: F.usd("1000"), regular: F.usd("300"), frequency: .monthly, first: F.day("2026-01-10"))
        #expect(s.installments.map(\.amount) == [F.usd("300"), F.usd("300"), F.usd("300"), F.usd("100")])
        let exact = PaymentSchedule.level(total: F.usd("900"), regular: F.usd("300"), frequency: .monthly, first: F.day("2026-01-10"))
        #expect(exact.installments.count == 3)
    }

    @Test("an even schedule never exceeds the limit and uses the fewest installments")
    func even() {
        let s = PaymentSchedule.even(total: Money(cents: 1001), atMost: Money(cents: 334), frequency: .weekly, first: F.day("2026-01-01"))
        #expect(s.installments.map(\.amount.cents) == [334, 334, 333])
        #expect(s.total == Money(cents: 1001))
    }

    @Test("monthly dates keep the day of the month, clamped at month end (Jan 31 → Feb 28 → Mar 31)")
    func monthEnd() {
        let s = PaymentSchedule.split(total: F.usd("400"), count: 4, frequency: .monthly, first: F.day("2026-01-31"))
        #expect(s.installments.map(\.dueDate) == ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"].map(F.day))
        let leap = PaymentSchedule.split(total: F.usd("200"), count: 2, frequency: .monthly, first: F.day("2028-01-30"))
        #expect(leap.installments.map(\.dueDate) == ["2028-01-30", "2028-02-29"].map(F.day))
        #expect(F.day("2026-11-30").addingMonths(3) == F.day("2027-02-28"))
    }

    @Test("weekly and biweekly dates step 7 and 14 days")
    func weekly() {
        let w = PaymentSchedule.split(total: F.usd("30"), count: 3, frequency: .weekly, first: F.day("2026-12-24"))
        #expect(w.installments.map(\.dueDate) == ["2026-12-24", "2026-12-31", "2027-01-07"].map(F.day))
        let b = PaymentSchedule.split(total: F.usd("30"), count: 2, frequency: .biweekly, first: F.day("2026-02-20"))
        #expect(b.installments.map(\.dueDate) == ["2026-02-20", "2026-03-06"].map(F.day))
    }

    @Test("the term in months counts as the client's maximum does", arguments: [
        (InstallmentFrequency.monthly, 24, 24), (.monthly, 1, 1), (.weekly, 5, 1), (.weekly, 6, 2), (.biweekly, 27, 12), (.biweekly, 28, 13),
    ])
    func term(frequency: InstallmentFrequency, count: Int, months: Int) {
        let s = PaymentSchedule.split(total: F.usd("10000"), count: count, frequency: frequency, first: F.day("2026-01-01"))
        #expect(s.termMonths == months)
    }

    @Test("the most installments that fit a term", arguments: [
        (InstallmentFrequency.monthly, 24, 24), (.biweekly, 12, 27), (.weekly, 12, 53), (.weekly, 1, 5),
    ])
    func maximum(frequency: InstallmentFrequency, months: Int, count: Int) {
        #expect(frequency.maximumInstallments(inMonths: months, first: F.day("2026-01-01")) == count)
    }

    @Test("monthly equivalents convert both ways without rounding in the consumer's disfavour")
    func equivalents() {
        #expect(InstallmentFrequency.weekly.monthlyEquivalent(of: F.usd("100")) == F.usd("433.33"))
        #expect(InstallmentFrequency.weekly.installment(forMonthly: F.usd("433.33")) == F.usd("99.99"))
        #expect(InstallmentFrequency.biweekly.installment(atLeastMonthly: F.usd("25")) == F.usd("11.54"))
        #expect(InstallmentFrequency.biweekly.monthlyEquivalent(of: F.usd("11.54")) >= F.usd("25"))
    }

    @Test("random totals and counts always add up exactly (seeded)")
    func property() {
        var rng = PlanRandom(seed: 7)
        for _ in 0..<500 {
            let total = Money(cents: Int64.random(in: 1...10_000_000, using: &rng))
            let count = Int.random(in: 1...60, using: &rng)
            let freq = InstallmentFrequency.allCases.randomElement(using: &rng)!
            let split = PaymentSchedule.split(total: total, count: count, frequency: freq, first: F.day("2026-01-31"))
            #expect(split.total == total)
            #expect(split.installments.allSatisfy { $0.amount > .zero })
            let cap = Money(cents: Int64.random(in: 1...total.cents, using: &rng))
            let even = PaymentSchedule.even(total: total, atMost: cap, frequency: freq, first: F.day("2026-01-31"))
            #expect(even.total == total)
            #expect(even.installments.allSatisfy { $0.amount > .zero && $0.amount <= cap })
            #expect(even.installments.count == Int((total.cents + cap.cents - 1) / cap.cents))
            #expect(zip(even.installments, even.installments.dropFirst()).allSatisfy { $0.dueDate < $1.dueDate })
        }
    }
}
