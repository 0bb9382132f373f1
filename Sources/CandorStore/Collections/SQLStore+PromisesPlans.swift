import CandorCore
import Foundation
import SQLKit

/// A promise to pay as stored, with the status the last evaluation gave it.
public struct StoredPromise: Sendable, Hashable, Codable {
    public var id: String
    public var accountID: Account.ID
    public var amount: Money
    public var dueDate: LocalDate
    public var madeOn: LocalDate
    public var madeBy: String
    public var deadline: LocalDate
    public var status: PromiseStatus
    public var paid: Money
    public var evaluatedOn: LocalDate
}

/// Terms a collector agrees with the consumer: `total` in installments of `installment`
/// (the last takes the remainder), every `frequency`, from `firstDueDate`. Every option
/// the plan builder proposes can be written this way.
public struct PlanInput: Sendable {
    public var accountID: Account.ID
    public var total: Money
    public var installment: Money
    public var frequency: InstallmentFrequency
    public var firstDueDate: LocalDate
    /// Set when the signed-in user approves terms outside the client's rules.
    public var approval: Approval?
    public var agreedBy: String

    public init(accountID: Account.ID, total: Money, installment: Money, frequency: InstallmentFrequency = .monthly,
                firstDueDate: LocalDate, approval: Approval? = nil, agreedBy: String) {
        self.accountID = accountID; self.total = total; self.installment = installment; self.frequency = frequency
        self.firstDueDate = firstDueDate; self.approval = approval; self.agreedBy = agreedBy
    }
}

public struct StoredPlan: Sendable, Hashable, Codable {
    public var id: String
    public var accountID: Account.ID
    public var isSettlement: Bool
    public var balanceAtAgreement: Money
    public var total: Money
    public var schedule: PaymentSchedule
    public var agreedOn: LocalDate
    public var agreedBy: String
    public var approvedBy: String?
    public var approvedRole: StaffRole?
    /// `current`, `at_risk`, `missed_installment`, `defaulted`, `completed`, or `cancelled`.
    public var state: String
    public var evaluatedOn: LocalDate

    public var plan: PaymentPlan {
        PaymentPlan(id: PaymentPlan.ID(id), accountID: accountID, balanceAtAgreement: balanceAtAgreement, schedule: schedule,
                    agreedOn: agreedOn, agreedBy: agreedBy,
                    approval: approvedBy.flatMap { by in approvedRole.map { Approval(by: by, role: $0) } })
    }
}

extension SQLStore {
    static let maxInstallments = 520

    // MARK: Promises

    public func promises(account: Account.ID) async throws -> [StoredPromise] {
        try await sql.raw("SELECT * FROM promises WHERE account_id = \(bind: account.rawValue) ORDER BY due_date DESC, id DESC")
            .all().map(Self.storedPromise(from:))
    }

    static func storedPromise(from r: any SQLRow) throws -> StoredPromise {
        func day(_ c: String) throws -> LocalDate { try LocalDate(parsing: try r.decode(column: c, as: String.self)) }
        return StoredPromise(
            id: try r.decode(column: "id", as: String.self),
            accountID: Account.ID(try r.decode(column: "account_id", as: String.self)),
            amount: Money(cents: try r.decode(column: "amount_cents", as: Int64.self)),
            dueDate: try day("due_date"), madeOn: try day("made_on"),
            madeBy: try r.decode(column: "made_by", as: String.self), deadline: try day("deadline"),
            status: PromiseStatus(rawValue: try r.decode(column: "status", as: String.self)) ?? .pending,
            paid: Money(cents: try r.decode(column: "paid_cents", as: Int64.self)), evaluatedOn: try day("evaluated_on"))
    }

    // MARK: Plans

    /// What the plan builder proposes for this account from the consumer's budget, within
    /// the client's rules. Pure reading; nothing is written.
    public func proposePlans(account: Account.ID, budget: Budget, lumpSum: Money = .zero,
                             frequency: InstallmentFrequency = .monthly, firstDueDate: LocalDate) async throws -> (PlanProposal, ClientRules, Money) {
        guard let detail = try await self.account(id: account) else { throw StoreError.unknownAccount(account.rawValue) }
        let rules = try await Self.clientRules(sql, account: account)
        let today = LocalDate(utcSecondsSinceEpoch: Int64(clock().timeIntervalSince1970))
        do throws(TermsError) {
            let proposal = try PlanBuilder(rules: rules).propose(balance: detail.balance, budget: budget, lumpSum: lumpSum,
                                                                 frequency: frequency, firstDueDate: firstDueDate, today: today)
            return (proposal, rules, detail.balance)
        } catch {
            if case .dateInPast = error { throw CollectionsError.terms(field: "first_due_date", error) }
            throw CollectionsError.terms(field: "balance", error)
        }
    }

    /// Agrees a plan or settlement, validated against the balance and the client's rules
    /// (below the settlement floor or outside the term only with an approver of the
    /// client's approval role). A new plan replaces the account's active one (cancelled,
    /// with who and when). One transaction, audited.
    public func agreePlan(_ input: PlanInput) async throws -> StoredPlan {
        guard input.total > .zero else {
            throw CollectionsError.terms(field: "total_cents", .nonPositiveAmount(input.total))
        }
        guard input.installment > .zero else {
            throw CollectionsError.terms(field: "installment_cents", .nonPositiveAmount(input.installment))
        }
        guard input.installment <= input.total else {
            throw CollectionsError.invalid(field: "installment_cents", message: "the installment \(input.installment.formatted) is more than the total \(input.total.formatted)")
        }
        let (whole, rest) = input.total.cents.quotientAndRemainder(dividingBy: input.installment.cents)
        let count = whole + (rest > 0 ? 1 : 0)
        guard count <= Int64(Self.maxInstallments) else {
            throw CollectionsError.invalid(field: "installment_cents", message: "\(count) installments is too many (at most \(Self.maxInstallments))")
        }
        let schedule = PaymentSchedule.level(total: input.total, regular: input.installment, frequency: input.frequency,
                                             first: input.firstDueDate)
        let now = clock(), kind = database.kind
        let today = LocalDate(utcSecondsSinceEpoch: Int64(now.timeIntervalSince1970))
        return try await database.transaction { db in
            let itemization = try await Self.lockAccount(db, kind: kind, input.accountID)
            let ledger = Ledger(itemizationAmount: itemization, entries: try await Self.ledgerEntries(db, input.accountID))
            let rules = try await Self.clientRules(db, account: input.accountID)
            let id = Self.newID()
            let plan: PaymentPlan
            do throws(TermsError) {
                plan = try PaymentPlan(id: PaymentPlan.ID(id), accountID: input.accountID,
                                       terms: PlanTerms(balance: ledger.balance, schedule: schedule), agreedOn: today,
                                       agreedBy: input.agreedBy, approval: input.approval, rules: rules)
            } catch {
                switch error {
                case .dateInPast: throw CollectionsError.terms(field: "first_due_date", error)
                case .belowSettlementFloor, .approverLacksRole: throw CollectionsError.terms(field: "approve", error)
                case .installmentBelowMinimum: throw CollectionsError.terms(field: "installment_cents", error)
                default: throw CollectionsError.terms(field: "total_cents", error)
                }
            }
            let active = try await db.raw("""
                SELECT id FROM payment_plans WHERE account_id = \(bind: input.accountID.rawValue)
                AND state NOT IN ('completed', 'defaulted', 'cancelled')
                """).all().map { try $0.decode(column: "id", as: String.self) }
            for old in active {
                try await db.raw("""
                    UPDATE payment_plans SET state = 'cancelled', cancelled_at = \(bind: Timestamp.format(now)),
                    cancelled_by = \(bind: input.agreedBy) WHERE id = \(bind: old)
                    """).run()
            }
            let state = plan.status(payments: ReceivedPayment.standing(on: ledger), today: today, rules: rules).state
            let scheduleJSON = String(decoding: try JSONEncoder().encode(schedule), as: UTF8.self)
            try await db.insert(into: "payment_plans")
                .columns("id", "account_id", "kind", "balance_cents", "total_cents", "schedule_json", "agreed_on", "agreed_by",
                         "approved_by", "approved_role", "state", "evaluated_on", "created_at")
                .values(id, input.accountID.rawValue, plan.isSettlement ? "settlement" : "plan", ledger.balance.cents,
                        plan.total.cents, scheduleJSON, today.description, input.agreedBy, input.approval?.by,
                        input.approval?.role.rawValue, state.rawValue, today.description, Timestamp.format(now))
                .run()
            var details = ["plan_id": id, "total_cents": String(plan.total.cents), "installments": String(schedule.installments.count),
                           "settlement": String(plan.isSettlement)]
            if let a = input.approval { details["approved_by"] = a.by; details["approved_role"] = a.role.rawValue }
            if !active.isEmpty { details["replaces"] = active.joined(separator: ",") }
            try await Self.appendAudit(db, kind: kind, at: now, actor: input.agreedBy, action: "plan.agree",
                                       subject: "account:\(input.accountID.rawValue)", details: details)
            return StoredPlan(id: id, accountID: input.accountID, isSettlement: plan.isSettlement, balanceAtAgreement: ledger.balance,
                              total: plan.total, schedule: schedule, agreedOn: today, agreedBy: input.agreedBy,
                              approvedBy: input.approval?.by, approvedRole: input.approval?.role, state: state.rawValue,
                              evaluatedOn: today)
        }
    }

    public func plans(account: Account.ID) async throws -> [StoredPlan] {
        try await sql.raw("SELECT * FROM payment_plans WHERE account_id = \(bind: account.rawValue) ORDER BY created_at DESC, id DESC")
            .all().map(Self.storedPlan(from:))
    }

    static func storedPlan(from r: any SQLRow) throws -> StoredPlan {
        func day(_ c: String) throws -> LocalDate { try LocalDate(parsing: try r.decode(column: c, as: String.self)) }
        let schedule = try JSONDecoder().decode(PaymentSchedule.self, from: Data(try r.decode(column: "schedule_json", as: String.self).utf8))
        return StoredPlan(
            id: try r.decode(column: "id", as: String.self),
            accountID: Account.ID(try r.decode(column: "account_id", as: String.self)),
            isSettlement: try r.decode(column: "kind", as: String.self) == "settlement",
            balanceAtAgreement: Money(cents: try r.decode(column: "balance_cents", as: Int64.self)),
            total: Money(cents: try r.decode(column: "total_cents", as: Int64.self)), schedule: schedule,
            agreedOn: try day("agreed_on"), agreedBy: try r.decode(column: "agreed_by", as: String.self),
            approvedBy: try r.decode(column: "approved_by", as: String?.self),
            approvedRole: try r.decode(column: "approved_role", as: String?.self).flatMap(StaffRole.init(rawValue:)),
            state: try r.decode(column: "state", as: String.self), evaluatedOn: try day("evaluated_on"))
    }

    // MARK: Re-evaluation (on each payment and reversal, and daily)

    /// Re-decides the account's open promises and active plans from the payments standing
    /// on `ledger` (inside the caller's transaction, after its ledger write).
    static func reevaluate(_ db: any SQLDatabase, account: Account.ID, ledger: Ledger, today: LocalDate,
                           rules known: ClientRules? = nil) async throws {
        var rules = ClientRules.standard
        if let known { rules = known } else { rules = try await clientRules(db, account: account) }
        let payments = ReceivedPayment.standing(on: ledger)
        let promises = try await db.raw("SELECT * FROM promises WHERE account_id = \(bind: account.rawValue)")
            .all().map(storedPromise(from:))
        if !promises.isEmpty {
            let core = promises.map {
                PromiseToPay(id: PromiseToPay.ID($0.id), accountID: account, amount: $0.amount, dueDate: $0.dueDate,
                             madeOn: $0.madeOn, madeBy: $0.madeBy)
            }
            let byID = Dictionary(uniqueKeysWithValues: promises.map { ($0.id, $0) })
            for e in PromiseEvaluator.evaluate(core, payments: payments, today: today, policy: PromisePolicy(graceDays: rules.graceDays)) {
                let old = byID[e.promise.id.rawValue]
                guard old?.status != e.status || old?.paid != e.paid || old?.evaluatedOn != today else { continue }
                try await db.raw("""
                    UPDATE promises SET status = \(bind: e.status.rawValue), paid_cents = \(bind: e.paid.cents),
                    evaluated_on = \(bind: today.description) WHERE id = \(bind: e.promise.id.rawValue)
                    """).run()
            }
        }
        let plans = try await db.raw("""
            SELECT * FROM payment_plans WHERE account_id = \(bind: account.rawValue) AND state <> 'cancelled'
            """).all().map(storedPlan(from:))
        for stored in plans {
            let state = stored.plan.status(payments: payments, today: today, rules: rules).state.rawValue
            guard state != stored.state || stored.evaluatedOn != today else { continue }
            try await db.raw("""
                UPDATE payment_plans SET state = \(bind: state), evaluated_on = \(bind: today.description) WHERE id = \(bind: stored.id)
                """).run()
        }
    }

    /// The daily job: re-decides every account with a promise or plan not yet final (a
    /// promise breaks when its deadline passes without payment, with no payment arriving).
    /// Idempotent: running it twice on a day changes nothing the second time.
    @discardableResult
    public func evaluatePromisesAndPlans() async throws -> Int {
        let today = LocalDate(utcSecondsSinceEpoch: Int64(clock().timeIntervalSince1970))
        let accounts = try await sql.raw("""
            SELECT account_id FROM promises WHERE status = 'pending'
            UNION SELECT account_id FROM payment_plans WHERE state NOT IN ('completed', 'cancelled', 'defaulted')
            """).all().map { Account.ID(try $0.decode(column: "account_id", as: String.self)) }
        let kind = database.kind
        for account in accounts {
            try await database.transaction { db in
                let itemization = try await Self.lockAccount(db, kind: kind, account)
                let ledger = Ledger(itemizationAmount: itemization, entries: try await Self.ledgerEntries(db, account))
                try await Self.reevaluate(db, account: account, ledger: ledger, today: today)
            }
        }
        return accounts.count
    }
}
