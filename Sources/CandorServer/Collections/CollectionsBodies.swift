import CandorCore
import CandorStore
import Foundation
import Hummingbird

/// Request bodies of the collections routes. The JSON API decodes them; the web forms
/// build the same values from their fields (`WorkspaceForms`), so both paths validate alike.
struct DispositionBody: Decodable {
    var disposition: String
    var phone: String?
    var direction: String?
    var callbackAt: Date?
    var promiseAmountCents: Int64?
    var promiseDueDate: String?
    var budget: BudgetBody?
    var note: String?
    var alsoDiscussed: [String]?

    func input(account: String, by user: String) throws -> DispositionInput {
        guard let d = Disposition(rawValue: disposition) else {
            throw APIError.badRequest("disposition must be one of \(Disposition.allCases.map(\.rawValue).joined(separator: ", "))", field: "disposition")
        }
        var dir = ContactDirection.outbound
        if let direction {
            guard let parsed = ContactDirection(rawValue: direction) else {
                throw APIError.badRequest("direction must be inbound or outbound", field: "direction")
            }
            dir = parsed
        }
        return DispositionInput(accountID: Account.ID(account), alsoDiscussed: (alsoDiscussed ?? []).map { Account.ID($0) },
                                disposition: d, direction: dir, phone: phone, callbackAt: callbackAt,
                                promiseAmount: promiseAmountCents.map(Money.init(cents:)),
                                promiseDueDate: try promiseDueDate.map { try day($0, field: "promise_due_date") },
                                budget: try budget?.budget(), note: note, recordedBy: user)
    }
}

/// The consumer's monthly budget, in cents.
struct BudgetBody: Decodable {
    var monthlyIncomeCents: Int64
    var housingCents: Int64?
    var utilitiesCents: Int64?
    var foodCents: Int64?
    var transportCents: Int64?
    var medicalCents: Int64?
    var otherCents: Int64?

    func budget() throws -> Budget {
        let expenses = EssentialExpenses(
            housing: Money(cents: housingCents ?? 0), utilities: Money(cents: utilitiesCents ?? 0), food: Money(cents: foodCents ?? 0),
            transport: Money(cents: transportCents ?? 0), medical: Money(cents: medicalCents ?? 0), other: Money(cents: otherCents ?? 0))
        do throws(Budget.Error) {
            return try Budget(monthlyIncome: Money(cents: monthlyIncomeCents), expenses: expenses)
        } catch {
            let field = error.item == "monthly income" ? "monthly_income_cents" : "\(error.item)_cents"
            throw APIError.badRequest(error.description, field: "budget.\(field)")
        }
    }
}

struct ProposalBody: Decodable {
    var budget: BudgetBody
    var lumpSumCents: Int64?
    var frequency: String?
    var firstDueDate: String
}

struct PlanBody: Decodable {
    var totalCents: Int64
    var installmentCents: Int64
    var frequency: String?
    var firstDueDate: String
    /// The signed-in user approves terms outside the client's rules (their role must allow it).
    var approve: Bool?

    func input(account: String, user: StoredUser) throws -> PlanInput {
        PlanInput(accountID: Account.ID(account), total: Money(cents: totalCents), installment: Money(cents: installmentCents),
                  frequency: try frequencyValue(frequency), firstDueDate: try day(firstDueDate, field: "first_due_date"),
                  approval: approve == true ? Approval(by: user.id, role: user.role) : nil, agreedBy: user.id)
    }
}

struct NoteBody: Decodable { var note: String }

struct AssignmentBody: Decodable {
    var accounts: [String]
    /// Username; null puts the accounts back in the client's pool.
    var user: String?
}

func frequencyValue(_ raw: String?) throws -> InstallmentFrequency {
    guard let raw, !raw.isEmpty else { return .monthly }
    guard let f = InstallmentFrequency(rawValue: raw) else {
        throw APIError.badRequest("frequency must be one of \(InstallmentFrequency.allCases.map(\.rawValue).joined(separator: ", "))", field: "frequency")
    }
    return f
}

func day(_ raw: String, field: String) throws -> LocalDate {
    do { return try LocalDate(parsing: raw.trimmingCharacters(in: .whitespaces)) } catch {
        throw APIError.badRequest("\(field) must be a date YYYY-MM-DD (got \"\(raw)\")", field: field)
    }
}

// MARK: Responses

struct PromiseLine: Encodable {
    let id: String, amountCents: Int64, dueDate: LocalDate, madeOn: LocalDate, madeBy: String
    let deadline: LocalDate, status: String, paidCents: Int64
    init(_ p: StoredPromise) {
        id = p.id; amountCents = p.amount.cents; dueDate = p.dueDate; madeOn = p.madeOn; madeBy = p.madeBy
        deadline = p.deadline; status = p.status.rawValue; paidCents = p.paid.cents
    }
}

struct PlanLine: ResponseEncodable {
    struct Item: Encodable { let number: Int; let dueDate: LocalDate; let amountCents: Int64 }
    let id: String, settlement: Bool, balanceCents: Int64, totalCents: Int64, frequency: String
    let installments: [Item], agreedOn: LocalDate, agreedBy: String, approvedBy: String?, approvedRole: String?, state: String
    init(_ p: StoredPlan) {
        id = p.id; settlement = p.isSettlement; balanceCents = p.balanceAtAgreement.cents; totalCents = p.total.cents
        frequency = p.schedule.frequency.rawValue
        installments = p.schedule.installments.map { Item(number: $0.number, dueDate: $0.dueDate, amountCents: $0.amount.cents) }
        agreedOn = p.agreedOn; agreedBy = p.agreedBy; approvedBy = p.approvedBy; approvedRole = p.approvedRole?.rawValue; state = p.state
    }
}

struct OptionLine: Encodable {
    /// `pay_in_full`, `installment_plan`, `settlement_lump_sum`, `settlement_plan`, `hardship_review`.
    let kind: String
    let totalCents: Int64?
    let installmentCents: Int64?
    let installments: Int?
    let firstDueDate: LocalDate?
    let frequency: String?
    let discountCents: Int64?
    let requiresApproval: String?
    let hardshipReason: String?
    let counselingReferral: Bool?

    init(_ option: PlanOption) {
        switch option {
        case .payInFull: kind = "pay_in_full"
        case .installmentPlan: kind = "installment_plan"
        case .settlementLumpSum: kind = "settlement_lump_sum"
        case .settlementPlan: kind = "settlement_plan"
        case .hardshipReview: kind = "hardship_review"
        }
        let t = option.terms
        totalCents = t?.total.cents; installmentCents = t?.schedule.regularInstallment.cents
        installments = t?.schedule.installments.count; firstDueDate = t?.schedule.firstDueDate
        frequency = t?.schedule.frequency.rawValue; discountCents = t?.discount.cents
        requiresApproval = t?.requiresApproval?.rawValue
        if case .hardshipReview(let reason, let referral) = option {
            hardshipReason = reason.description; counselingReferral = referral
        } else { hardshipReason = nil; counselingReferral = nil }
    }
}

extension AccountNote: ResponseEncodable {}
