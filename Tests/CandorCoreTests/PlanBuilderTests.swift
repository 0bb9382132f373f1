import CandorCore
import Testing

@Suite("Plan builder")
struct PlanBuilderTests {
    typealias F = PlanFixture
    let today = F.day("2026-03-09")
    let first = F.day("2026-03-15")

    /// $3,000 income, $2,400 essentials → $600 disposable → $300 affordable at 50%.
    var budget: Budget {
        F.budget(income: "3000", housing: "1200", utilities: "200", food: "500", transport: "300", medical: "100", other: "100")
    }

    @Test("disposable income is income less essentials; affordable is the client's share of it")
    func affordability() {
        #expect(budget.expenses.total == F.usd("2400"))
        #expect(budget.disposableIncome == F.usd("600"))
        #expect(ClientRules.standard.affordabilityShareBasisPoints == 5_000)
        #expect(budget.affordableMonthly(rules: .standard) == F.usd("300"))
        #expect(budget.affordableMonthly(rules: ClientRules(affordabilityShareBasisPoints: 3_333)) == F.usd("199.98"))
        #expect(F.budget(income: "1000", housing: "1500").disposableIncome == .zero)
    }

    @Test("a budget with a negative line is refused")
    func negativeBudget() {
        #expect(throws: Budget.Error.negative(item: "food", amount: F.usd("-1"))) {
            try Budget(monthlyIncome: F.usd("100"), expenses: EssentialExpenses(food: F.usd("-1")))
        }
    }

    @Test("a budget line beyond any household's ($10 million a month) is refused, naming the line")
    func hugeBudgetLine() {
        #expect(throws: Budget.Error.tooLarge(item: "housing", amount: Money(cents: Int64.max))) {
            try Budget(monthlyIncome: Money(cents: 100), expenses: EssentialExpenses(housing: Money(cents: Int64.max)))
        }
        #expect(throws: Budget.Error.tooLarge(item: "monthly income", amount: Budget.maximumMonthlyAmount + Money(cents: 1))) {
            try Budget(monthlyIncome: Budget.maximumMonthlyAmount + Money(cents: 1), expenses: EssentialExpenses())
        }
    }

    @Test("an affordable monthly plan within the maximum term is proposed, never above the affordable amount")
    func installmentPlan() throws {
        let p = try PlanBuilder().propose(balance: F.usd("2000"), budget: budget, firstDueDate: first, today: today)
        #expect(p.affordableMonthly == F.usd("300"))
        guard case .installmentPlan(let t)? = p.options.first else { Issue.record("no plan: \(p.options)"); return }
        // 7 installments: the fewest at ≤ $300, spread evenly: 6 × $285.72 + $285.68.
        #expect(t.schedule.installments.count == 7)
        #expect(t.schedule.installments.allSatisfy { $0.amount <= F.usd("300") })
        #expect(t.total == F.usd("2000"))
        #expect(t.schedule.regularInstallment == F.usd("285.72"))
        #expect(t.schedule.installments.last?.amount == F.usd("285.68"))
        #expect(t.requiresApproval == nil)
        #expect(!t.isSettlement)
        // The $1,200 settlement floor would take 4 months at $300: longer than the 3-month
        // settlement term, so no settlement plan is offered.
        #expect(!p.options.contains { if case .settlementPlan = $0 { true } else { false } })
        #expect(!p.options.contains { if case .hardshipReview = $0 { true } else { false } })
    }

    @Test("weekly plans convert the affordable amount to a weekly installment")
    func weeklyPlan() throws {
        let p = try PlanBuilder().propose(balance: F.usd("2000"), budget: budget, frequency: .weekly, firstDueDate: first, today: today)
        guard case .installmentPlan(let t)? = p.options.first else { Issue.record("no plan"); return }
        #expect(t.schedule.frequency == .weekly)
        #expect(t.schedule.installments.allSatisfy { $0.amount <= F.usd("69.23") })  // $300 × 12 / 52
        #expect(t.total == F.usd("2000"))
    }

    @Test("if even the minimum installment is not affordable, it says so and proposes a hardship review, not a plan")
    func minimumNotAffordable() throws {
        let tight = F.budget(income: "1000", housing: "960")  // $40 disposable → $20 affordable
        let p = try PlanBuilder(rules: ClientRules(minimumInstallment: F.usd("25"), settlementAllowed: false))
            .propose(balance: F.usd("2000"), budget: tight, firstDueDate: first, today: today)
        #expect(p.options == [.hardshipReview(.minimumNotAffordable(affordableMonthly: F.usd("20"), minimum: F.usd("25")),
                                              counselingReferral: true)])
        #expect(HardshipReason.minimumNotAffordable(affordableMonthly: F.usd("20"), minimum: F.usd("25")).description
                == "the consumer can afford $20.00 a month, below the client's minimum of $25.00")
    }

    @Test("no disposable income: hardship review with counseling referral")
    func noDisposable() throws {
        let p = try PlanBuilder().propose(balance: F.usd("500"), budget: F.budget(income: "1000", housing: "1000"),
                                          firstDueDate: first, today: today)
        #expect(p.options == [.hardshipReview(.noDisposableIncome, counselingReferral: true)])
    }

    @Test("a balance too large for the maximum term is not stretched past it")
    func tooLongForTerm() throws {
        let rules = ClientRules(maximumTermMonths: 12, settlementAllowed: false)
        let p = try PlanBuilder(rules: rules).propose(balance: F.usd("10000"), budget: budget, firstDueDate: first, today: today)
        #expect(p.options == [.hardshipReview(.notPayableWithinTerm(affordableMonthly: F.usd("300"), neededMonthly: F.usd("833.34"),
                                                                    maximumMonths: 12), counselingReferral: true)])
    }

    @Test("when the full balance does not fit but the settlement floor does, a settlement plan is offered")
    func settlementPlanInsteadOfHardship() throws {
        let rules = ClientRules(maximumTermMonths: 12, settlementFloorBasisPoints: 5_000, maximumSettlementMonths: 24)
        let p = try PlanBuilder(rules: rules).propose(balance: F.usd("6000"), budget: F.budget(income: "500"),
                                                      firstDueDate: first, today: today)
        // $250 a month: $6,000 needs 24 months (> 12); the $3,000 floor needs 12 (≤ 24).
        guard case .settlementPlan(let t)? = p.options.first else { Issue.record("\(p.options)"); return }
        #expect(t.total == F.usd("3000"))
        #expect(t.discount == F.usd("3000"))
        #expect(t.discountBasisPoints == 5_000)
        #expect(t.schedule.installments.count == 12)
        #expect(p.options.count == 1)
    }

    @Test("a lump sum that covers the balance pays it in full today, with no settlement offered")
    func payInFull() throws {
        let p = try PlanBuilder().propose(balance: F.usd("800"), budget: budget, lumpSum: F.usd("1000"), firstDueDate: first, today: today)
        guard case .payInFull(let t)? = p.options.first else { Issue.record("\(p.options)"); return }
        #expect(t.schedule.installments == [Installment(number: 1, dueDate: today, amount: F.usd("800"))])
        #expect(p.options.count == 1)
    }

    @Test("a lump sum at or above the floor settles at the floor; below it, only with approval")
    func lumpSumSettlement() throws {
        let rules = ClientRules(settlementFloorBasisPoints: 6_000, approvalRole: .supervisor)
        let above = try PlanBuilder(rules: rules).propose(balance: F.usd("5000"), budget: budget, lumpSum: F.usd("3500"),
                                                          firstDueDate: first, today: today)
        let lump = above.options.compactMap { if case .settlementLumpSum(let t) = $0 { t } else { nil } }
        #expect(lump.map(\.total) == [F.usd("3000")])
        #expect(lump.first?.requiresApproval == nil)

        let below = try PlanBuilder(rules: rules).propose(balance: F.usd("5000"), budget: budget, lumpSum: F.usd("1000"),
                                                          firstDueDate: first, today: today)
        let small = below.options.compactMap { if case .settlementLumpSum(let t) = $0 { t } else { nil } }
        #expect(small.map(\.total) == [F.usd("1000")])
        #expect(small.first?.requiresApproval == .supervisor)
    }

    @Test("the settlement floor is rounded up to the cent")
    func floorRounding() {
        #expect(ClientRules(settlementFloorBasisPoints: 6_000).settlementFloor(balance: Money(cents: 1001)) == Money(cents: 601))
        #expect(ClientRules(settlementFloorBasisPoints: 6_000).settlementFloor(balance: Money(cents: 1000)) == Money(cents: 600))
    }

    @Test("bad input is refused: a first date in the past, a non-positive balance")
    func badInput() {
        #expect(throws: TermsError.dateInPast(date: F.day("2026-03-08"), today: today)) {
            try PlanBuilder().propose(balance: F.usd("100"), budget: budget, firstDueDate: F.day("2026-03-08"), today: today)
        }
        #expect(throws: TermsError.nonPositiveAmount(.zero)) {
            try PlanBuilder().propose(balance: .zero, budget: budget, firstDueDate: first, today: today)
        }
    }

    @Test("every proposal it makes passes validation with no approval unless it says so (seeded)")
    func property() throws {
        var rng = PlanRandom(seed: 2026)
        for _ in 0..<300 {
            let rules = ClientRules(minimumInstallment: Money(cents: Int64.random(in: 1_000...10_000, using: &rng)),
                                    maximumTermMonths: Int.random(in: 1...36, using: &rng),
                                    settlementAllowed: Bool.random(using: &rng),
                                    settlementFloorBasisPoints: Int.random(in: 1_000...10_000, using: &rng),
                                    maximumSettlementMonths: Int.random(in: 1...6, using: &rng),
                                    affordabilityShareBasisPoints: Int.random(in: 1_000...10_000, using: &rng))
            let income = Money(cents: Int64.random(in: 0...800_000, using: &rng))
            let b = try Budget(monthlyIncome: income, expenses: EssentialExpenses(housing: Money(cents: Int64.random(in: 0...600_000, using: &rng))))
            let balance = Money(cents: Int64.random(in: 1...5_000_000, using: &rng))
            let lump = Bool.random(using: &rng) ? Money(cents: Int64.random(in: 0...balance.cents, using: &rng)) : .zero
            let freq = InstallmentFrequency.allCases.randomElement(using: &rng)!
            let p = try PlanBuilder(rules: rules).propose(balance: balance, budget: b, lumpSum: lump, frequency: freq,
                                                          firstDueDate: first, today: today)
            #expect(!p.options.isEmpty)
            for option in p.options {
                guard let terms = option.terms else { continue }
                let approval = terms.requiresApproval.map { Approval(by: "sup", role: $0) }
                #expect(throws: Never.self) { try PaymentPlan.validate(terms, today: today, rules: rules, approval: approval) }
                if case .installmentPlan = option {
                    let cap = freq.installment(forMonthly: p.affordableMonthly)
                    #expect(terms.schedule.installments.allSatisfy { $0.amount <= cap })
                }
            }
        }
    }
}
