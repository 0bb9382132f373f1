/// A repayment plan or settlement the consumer agreed to.
public struct PaymentPlan: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Tagged<PaymentPlan>
    public var id: ID
    public var accountID: Account.ID
    /// The balance when agreed: what is owed again if a settlement defaults.
    public var balanceAtAgreement: Money
    public var schedule: PaymentSchedule
    public var agreedOn: LocalDate
    public var agreedBy: String
    public var approval: Approval?

    public var total: Money { schedule.total }
    public var isSettlement: Bool { total < balanceAtAgreement }

    /// Agrees new terms: validates them against the balance, today and the client's rules.
    /// Terms outside the rules need an `approval` from the client's approval role or above.
    public init(id: ID, accountID: Account.ID, terms: PlanTerms, agreedOn today: LocalDate, agreedBy: String,
                approval: Approval? = nil, rules: ClientRules) throws(TermsError) {
        try PaymentPlan.validate(terms, today: today, rules: rules, approval: approval)
        self.init(id: id, accountID: accountID, balanceAtAgreement: terms.balance, schedule: terms.schedule,
                  agreedOn: today, agreedBy: agreedBy, approval: approval)
    }

    /// Rebuilds a stored plan without re-validating it.
    public init(id: ID, accountID: Account.ID, balanceAtAgreement: Money, schedule: PaymentSchedule,
                agreedOn: LocalDate, agreedBy: String, approval: Approval?) {
        self.id = id; self.accountID = accountID; self.balanceAtAgreement = balanceAtAgreement
        self.schedule = schedule; self.agreedOn = agreedOn; self.agreedBy = agreedBy; self.approval = approval
    }

    /// The checks, in the order a person would fix them: the numbers, the dates, then the
    /// client's rules (which an approval may lift).
    public static func validate(_ terms: PlanTerms, today: LocalDate, rules: ClientRules,
                                approval: Approval?) throws(TermsError) {
        let schedule = terms.schedule
        guard let first = schedule.installments.first else { throw .noInstallments }
        if let bad = schedule.installments.first(where: { $0.amount <= .zero }) { throw .nonPositiveAmount(bad.amount) }
        guard terms.balance > .zero else { throw .nonPositiveAmount(terms.balance) }
        guard terms.total <= terms.balance else { throw .amountOverBalance(amount: terms.total, balance: terms.balance) }
        guard first.dueDate >= today else { throw .dateInPast(date: first.dueDate, today: today) }
        if let unordered = zip(schedule.installments, schedule.installments.dropFirst()).first(where: { $0.dueDate > $1.dueDate }) {
            throw .installmentsOutOfOrder(number: unordered.1.number)
        }

        /// Throws `error` unless an approval from the client's role (or above) lifts it.
        func needsApproval(_ error: TermsError) throws(TermsError) {
            guard let approval else { throw error }
            guard approval.role.canApprove(asMuchAs: rules.approvalRole) else {
                throw .approverLacksRole(approver: approval.role, requiredRole: rules.approvalRole)
            }
        }

        if terms.isSettlement {
            guard rules.settlementAllowed else { throw .settlementNotAllowed }
            let floor = rules.settlementFloor(balance: terms.balance)
            if terms.total < floor {
                try needsApproval(.belowSettlementFloor(offer: terms.total, floor: floor, requiredRole: rules.approvalRole))
            }
            if schedule.termMonths > rules.maximumSettlementMonths {
                try needsApproval(.termTooLong(months: schedule.termMonths, maximum: rules.maximumSettlementMonths))
            }
        }
        // One payment is never "below the minimum installment": it is the whole amount.
        if schedule.installments.count > 1 {
            let monthly = schedule.frequency.monthlyEquivalent(of: schedule.regularInstallment)
            if monthly < rules.minimumInstallment {
                try needsApproval(.installmentBelowMinimum(installment: monthly, minimum: rules.minimumInstallment))
            }
        }
        if schedule.termMonths > rules.maximumTermMonths {
            try needsApproval(.termTooLong(months: schedule.termMonths, maximum: rules.maximumTermMonths))
        }
    }
}
