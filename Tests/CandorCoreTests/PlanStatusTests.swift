import CandorCore
import Testing

@Suite("Plan status and missed installments")
struct PlanStatusTests {
    typealias F = PlanFixture
    let rules = ClientRules(graceDays: 3)  // default after 2 missed at once

    /// $300 a month for 4 months from 2026-01-15; agreed 2026-01-10.
    var plan: PaymentPlan {
        PaymentPlan(id: "PL1", accountID: "A1", balanceAtAgreement: F.usd("1200"),
                    schedule: .split(total: F.usd("1200"), count: 4, frequency: .monthly, first: F.day("2026-01-15")),
                    agreedOn: F.day("2026-01-10"), agreedBy: "u-1", approval: nil)
    }

    func status(_ payments: [ReceivedPayment], _ today: String, plan: PaymentPlan? = nil) -> PlanStatusReport {
        (plan ?? self.plan).status(payments: payments, today: F.day(today), rules: rules)
    }

    @Test("a plan with every installment paid on time is current")
    func current() {
        let s = status([F.pay("2026-01-15", "300"), F.pay("2026-02-14", "300")], "2026-03-01")
        #expect(s.state == .current)
        #expect(s.paid == F.usd("600"))
        #expect(s.arrears == .zero)
        #expect(s.nextInstallment?.number == 3)
        #expect(s.remaining == F.usd("600"))
    }

    @Test("an installment due but unpaid within its grace period puts the plan at risk")
    func atRisk() {
        #expect(status([], "2026-01-15").state == .atRisk)
        #expect(status([], "2026-01-18").state == .atRisk)
        #expect(status([], "2026-01-14").state == .current)
    }

    @Test("after the grace period an unpaid installment is missed, and the arrears are owed to be current")
    func missed() {
        let s = status([], "2026-01-19")
        #expect(s.state == .missedInstallment)
        #expect(s.missedInstallments == 1)
        #expect(s.arrears == F.usd("300"))
        #expect(s.amountToBeCurrent == F.usd("300"))
        #expect(s.nextInstallment?.number == 1)
    }

    @Test("paying the arrears cures a miss: the plan is current again")
    func cured() {
        let s = status([F.pay("2026-02-10", "300"), F.pay("2026-02-15", "300")], "2026-02-20")
        #expect(s.state == .current)
        #expect(s.missedInstallments == 0)
    }

    @Test("a partial payment leaves the rest of the installment missed")
    func partial() {
        let s = status([F.pay("2026-01-15", "200")], "2026-01-20")
        #expect(s.state == .missedInstallment)
        #expect(s.arrears == F.usd("100"))
        #expect(s.nextInstallmentUnpaid == F.usd("100"))
    }

    @Test("two installments missed at once put the plan in default, for good")
    func defaulted() {
        let s = status([], "2026-02-19")
        #expect(s.state == .defaulted)
        #expect(s.defaultedOn == F.day("2026-02-19"))
        // Paying the arrears later does not revive it.
        let later = status([F.pay("2026-03-01", "600")], "2026-03-05")
        #expect(later.state == .defaulted)
        #expect(later.remaining == F.usd("600"))
    }

    @Test("two misses that were cured in between do not default the plan")
    func curedMissesDoNotAccumulate() {
        // January missed, cured in February; March missed: only one outstanding at a time.
        let s = status([F.pay("2026-02-01", "300"), F.pay("2026-02-15", "300")], "2026-03-20")
        #expect(s.state == .missedInstallment)
        #expect(s.missedInstallments == 1)
    }

    @Test("a plan paid in full is completed, even early; overpayment pays ahead")
    func completed() {
        #expect(status([F.pay("2026-01-12", "1200")], "2026-01-13").state == .completed)
        let ahead = status([F.pay("2026-01-15", "600")], "2026-02-20")
        #expect(ahead.state == .current)
        #expect(ahead.nextInstallment?.number == 3)
    }

    @Test("payments before the plan was agreed, or after today, do not count")
    func window() {
        #expect(status([F.pay("2026-01-05", "300")], "2026-01-20").state == .missedInstallment)
        #expect(status([F.pay("2026-01-25", "300")], "2026-01-20").state == .missedInstallment)
    }

    @Test("a defaulted settlement loses its discount: the balance at agreement is owed again")
    func settlementDefault() {
        let settlement = PaymentPlan(id: "PL2", accountID: "A1", balanceAtAgreement: F.usd("2000"),
                                     schedule: .split(total: F.usd("1200"), count: 3, frequency: .monthly, first: F.day("2026-01-15")),
                                     agreedOn: F.day("2026-01-10"), agreedBy: "u-1", approval: nil)
        #expect(settlement.isSettlement)
        let s = status([F.pay("2026-01-15", "400")], "2026-03-20", plan: settlement)
        #expect(s.state == .defaulted)
        #expect(s.remaining == F.usd("1600"))
        // Paying the settlement total after default does not settle the debt.
        let late = status([F.pay("2026-01-15", "400"), F.pay("2026-03-25", "800")], "2026-03-30", plan: settlement)
        #expect(late.state == .defaulted)
        #expect(late.remaining == F.usd("800"))
        // Kept on time, it settles.
        let kept = status([F.pay("2026-01-15", "400"), F.pay("2026-02-15", "400"), F.pay("2026-03-15", "400")],
                          "2026-03-16", plan: settlement)
        #expect(kept.state == .completed)
        #expect(kept.remaining == .zero)
    }

    @Test("the default threshold is the client's rule")
    func threshold() {
        let strict = ClientRules(defaultAfterMisses: 1, graceDays: 0)
        #expect(plan.status(payments: [], today: F.day("2026-01-16"), rules: strict).state == .defaulted)
    }

    @Test("random payments: paid and remaining always add up; states are consistent (seeded)")
    func property() {
        var rng = PlanRandom(seed: 99)
        let start = F.day("2026-01-10")
        for _ in 0..<300 {
            let payments = (0..<Int.random(in: 0...6, using: &rng)).map { _ in
                ReceivedPayment(date: start.adding(days: Int.random(in: 0...150, using: &rng)),
                                amount: Money(cents: Int64.random(in: 1...40_000, using: &rng)))
            }
            let today = start.adding(days: Int.random(in: 0...160, using: &rng))
            let s = plan.status(payments: payments, today: today, rules: rules)
            #expect(s.paid + s.remaining >= plan.total || s.state == .completed)
            #expect(s.arrears <= s.amountToBeCurrent)
            #expect((s.state == .completed) == (s.paid >= plan.total))
            if s.state == .current { #expect(s.missedInstallments == 0 && s.arrears == .zero) }
            if s.state == .missedInstallment { #expect(s.missedInstallments > 0 && s.missedInstallments < rules.defaultAfterMisses) }
        }
    }
}
