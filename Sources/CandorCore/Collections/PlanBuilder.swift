/// Proposes what a consumer can afford, within a client's rules, from their monthly budget.
///
/// Affordable monthly payment = `affordabilityShare × (income − essential expenses)`,
/// rounded down. The builder never proposes an installment above it: a plan the consumer
/// cannot keep fails, costs them fees at their bank, and ends in default. When nothing
/// affordable fits the rules, it proposes a hardship review and a counseling referral.
public struct PlanBuilder: Sendable {
    public var rules: ClientRules

    public init(rules: ClientRules = .standard) { self.rules = rules }

    /// - Parameters:
    ///   - balance: what is owed now.
    ///   - lumpSum: money the consumer says they can pay at once (savings, a tax refund).
    ///   - firstDueDate: when the first payment would fall due (today or later).
    public func propose(balance: Money, budget: Budget, lumpSum: Money = .zero,
                        frequency: InstallmentFrequency = .monthly, firstDueDate: LocalDate,
                        today: LocalDate) throws(TermsError) -> PlanProposal {
        guard balance > .zero else { throw .nonPositiveAmount(balance) }
        guard !lumpSum.isNegative else { throw .nonPositiveAmount(lumpSum) }
        guard firstDueDate >= today else { throw .dateInPast(date: firstDueDate, today: today) }

        let affordableMonthly = budget.affordableMonthly(rules: rules)
        let affordable = frequency.installment(forMonthly: affordableMonthly)
        let minimum = frequency.installment(atLeastMonthly: rules.minimumInstallment)
        let canPayInstallments = affordable > .zero && affordable >= minimum
        var options: [PlanOption] = []

        // 1. The whole balance at once, from savings or from one month's affordable amount.
        let canPayInFull = lumpSum >= balance || affordable >= balance
        if canPayInFull {
            let payOn = lumpSum >= balance ? today : firstDueDate
            options.append(.payInFull(PlanTerms(balance: balance,
                schedule: .split(total: balance, count: 1, frequency: frequency, first: payOn))))
        }

        // 2. The whole balance in affordable installments within the maximum term.
        if canPayInstallments, !canPayInFull {
            let schedule = installments(total: balance, affordable: affordable, minimum: minimum,
                                        frequency: frequency, first: firstDueDate)
            let limit = frequency.maximumInstallments(inMonths: rules.maximumTermMonths, first: firstDueDate)
            if schedule.installments.count <= limit {
                options.append(.installmentPlan(PlanTerms(balance: balance, schedule: schedule)))
            }
        }

        // 3. Settlements: only when the balance cannot be paid in full now (a discount is
        //    for a consumer who cannot pay it all, not a default offer).
        if rules.settlementAllowed, !canPayInFull {
            let floor = rules.settlementFloor(balance: balance)
            if lumpSum > .zero {
                // Offer the floor when the lump sum reaches it; a smaller lump sum can still be
                // offered, but only with the approval the client requires below the floor.
                let amount = min(lumpSum, floor)
                options.append(.settlementLumpSum(PlanTerms(balance: balance,
                    schedule: .split(total: amount, count: 1, frequency: frequency, first: today),
                    requiresApproval: lumpSum < floor ? rules.approvalRole : nil)))
            }
            if canPayInstallments, floor > .zero {
                let schedule = installments(total: floor, affordable: affordable, minimum: minimum,
                                            frequency: frequency, first: firstDueDate)
                let limit = frequency.maximumInstallments(inMonths: rules.maximumSettlementMonths, first: firstDueDate)
                if schedule.installments.count <= limit {
                    options.append(.settlementPlan(PlanTerms(balance: balance, schedule: schedule)))
                }
            }
        }

        // 4. Nothing within the rules resolves the debt: hardship review, not an unaffordable plan.
        if !options.contains(where: { $0.terms?.requiresApproval == nil }) {
            let reason: HardshipReason
            if budget.disposableIncome == .zero {
                reason = .noDisposableIncome
            } else if !canPayInstallments {
                reason = .minimumNotAffordable(affordableMonthly: affordableMonthly, minimum: rules.minimumInstallment)
            } else {
                reason = .notPayableWithinTerm(affordableMonthly: affordableMonthly,
                    neededMonthly: balance.dividedRoundingUp(by: Int64(rules.maximumTermMonths)),
                    maximumMonths: rules.maximumTermMonths)
            }
            options.append(.hardshipReview(reason, counselingReferral: true))
        }
        return PlanProposal(disposableIncome: budget.disposableIncome, affordableMonthly: affordableMonthly,
                            options: options)
    }

    /// The most even schedule with no installment above `affordable`; when that would put
    /// installments below the client's minimum, installments of the minimum instead (still
    /// affordable, since the caller checked `minimum ≤ affordable`).
    func installments(total: Money, affordable: Money, minimum: Money, frequency: InstallmentFrequency,
                      first: LocalDate) -> PaymentSchedule {
        let even = PaymentSchedule.even(total: total, atMost: affordable, frequency: frequency, first: first)
        if even.installments.count > 1, even.regularInstallment < minimum {
            return .level(total: total, regular: minimum, frequency: frequency, first: first)
        }
        return even
    }
}
