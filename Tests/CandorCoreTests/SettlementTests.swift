import CandorCore
import Testing

@Suite("Settlements and plan validation")
struct SettlementTests {
    typealias F = PlanFixture
    let today = F.day("2026-03-09")
    let rules = ClientRules(minimumInstallment: F.usd("50"), maximumTermMonths: 12, settlementFloorBasisPoints: 6_000,
                            maximumSettlementMonths: 3, approvalRole: .supervisor)

    func terms(balance: String, total: String, count: Int = 1, first: String = "2026-03-15",
               frequency: InstallmentFrequency = .monthly) -> PlanTerms {
        PlanTerms(balance: F.usd(balance), schedule: .split(total: F.usd(total), count: count, frequency: frequency, first: F.day(first)))
    }

    func agree(_ t: PlanTerms, approval: Approval? = nil) throws(TermsError) -> PaymentPlan {
        try PaymentPlan(id: "PL", accountID: "A1", terms: t, agreedOn: today, agreedBy: "u-1", approval: approval, rules: rules)
    }

    @Test("a settlement at or above the floor needs no approval")
    func atFloor() throws {
        let plan = try agree(terms(balance: "1000", total: "600"))
        #expect(plan.isSettlement)
        #expect(plan.balanceAtAgreement == F.usd("1000"))
    }

    @Test("a settlement below the floor without approval is refused, naming the role")
    func belowFloor() {
        #expect(throws: TermsError.belowSettlementFloor(offer: F.usd("599.99"), floor: F.usd("600"), requiredRole: .supervisor)) {
            try agree(terms(balance: "1000", total: "599.99"))
        }
        #expect(TermsError.belowSettlementFloor(offer: F.usd("500"), floor: F.usd("600"), requiredRole: .supervisor).description
                == "a settlement of $500.00 is below the client's floor of $600.00 and needs a supervisor's approval")
    }

    @Test("below the floor, a supervisor or above may approve; a collector may not")
    func approval() throws {
        #expect(throws: TermsError.approverLacksRole(approver: .collector, requiredRole: .supervisor)) {
            try agree(terms(balance: "1000", total: "400"), approval: Approval(by: "u-2", role: .collector))
        }
        for role in [StaffRole.supervisor, .compliance, .admin] {
            let plan = try agree(terms(balance: "1000", total: "400"), approval: Approval(by: "u-9", role: role))
            #expect(plan.approval?.role == role)
        }
    }

    @Test("a plan for more than the balance is refused")
    func overBalance() {
        #expect(throws: TermsError.amountOverBalance(amount: F.usd("1000.01"), balance: F.usd("1000"))) {
            try agree(terms(balance: "1000", total: "1000.01", count: 4))
        }
    }

    @Test("a plan starting in the past is refused")
    func past() {
        #expect(throws: TermsError.dateInPast(date: F.day("2026-03-08"), today: today)) {
            try agree(terms(balance: "1000", total: "1000", count: 4, first: "2026-03-08"))
        }
    }

    @Test("non-positive amounts and empty schedules are refused")
    func nonPositive() {
        let zero = PlanTerms(balance: F.usd("100"), schedule: PaymentSchedule(frequency: .monthly,
            installments: [Installment(number: 1, dueDate: F.day("2026-03-15"), amount: .zero)]))
        #expect(throws: TermsError.nonPositiveAmount(.zero)) { try agree(zero) }
        let empty = PlanTerms(balance: F.usd("100"), schedule: PaymentSchedule(frequency: .monthly, installments: []))
        #expect(throws: TermsError.noInstallments) { try agree(empty) }
        let unordered = PlanTerms(balance: F.usd("100"), schedule: PaymentSchedule(frequency: .monthly, installments: [
            Installment(number: 1, dueDate: F.day("2026-04-15"), amount: F.usd("50")),
            Installment(number: 2, dueDate: F.day("2026-03-15"), amount: F.usd("50"))]))
        #expect(throws: TermsError.installmentsOutOfOrder(number: 2)) { try agree(unordered) }
    }

    @Test("installments below the client's minimum, or a term beyond its maximum, need approval")
    func minimumAndTerm() throws {
        #expect(throws: TermsError.installmentBelowMinimum(installment: F.usd("40"), minimum: F.usd("50"))) {
            try agree(terms(balance: "400", total: "400", count: 10))
        }
        // Weekly $12 is $52 a month: above the monthly minimum.
        #expect(throws: Never.self) { try agree(terms(balance: "120", total: "120", count: 10, frequency: .weekly)) }
        #expect(throws: TermsError.termTooLong(months: 13, maximum: 12)) {
            try agree(terms(balance: "1300", total: "1300", count: 13))
        }
        let approved = try agree(terms(balance: "1300", total: "1300", count: 13), approval: Approval(by: "s", role: .supervisor))
        #expect(approved.schedule.installments.count == 13)
    }

    @Test("a settlement spread longer than the settlement term needs approval")
    func settlementTerm() {
        #expect(throws: TermsError.termTooLong(months: 4, maximum: 3)) {
            try agree(terms(balance: "1000", total: "800", count: 4))
        }
    }

    @Test("a client that takes no settlements refuses any amount below the balance")
    func noSettlements() {
        let none = ClientRules(settlementAllowed: false)
        #expect(throws: TermsError.settlementNotAllowed) {
            try PaymentPlan.validate(terms(balance: "1000", total: "900"), today: today, rules: none,
                                     approval: Approval(by: "a", role: .admin))
        }
    }

    @Test("a single payment of the whole balance is never below the minimum installment")
    func singleSmallPayment() throws {
        #expect(throws: Never.self) { try agree(terms(balance: "10", total: "10")) }
    }

    @Test("roles rank collector < supervisor < compliance < admin")
    func roles() {
        #expect(StaffRole.allCases.sorted() == [.collector, .supervisor, .compliance, .admin])
        #expect(StaffRole.admin.canApprove(asMuchAs: .compliance))
        #expect(!StaffRole.supervisor.canApprove(asMuchAs: .compliance))
    }
}
