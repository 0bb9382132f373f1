/// Why a promise, plan or settlement cannot be accepted as entered. The HTTP layer maps
/// every case to a 4xx with `description` as the message, and writes nothing.
public enum TermsError: Error, Equatable, Sendable, CustomStringConvertible {
    case nonPositiveAmount(Money)
    case amountOverBalance(amount: Money, balance: Money)
    case dateInPast(date: LocalDate, today: LocalDate)
    /// A settlement below the client's floor needs someone with `requiredRole` to approve it.
    case belowSettlementFloor(offer: Money, floor: Money, requiredRole: StaffRole)
    case approverLacksRole(approver: StaffRole, requiredRole: StaffRole)
    case installmentBelowMinimum(installment: Money, minimum: Money)
    case termTooLong(months: Int, maximum: Int)
    case settlementNotAllowed
    case noInstallments
    case installmentsOutOfOrder(number: Int)

    public var description: String {
        switch self {
        case .nonPositiveAmount(let m):
            return "the amount must be greater than zero (got \(m.formatted))"
        case .amountOverBalance(let amount, let balance):
            return "\(amount.formatted) is more than the balance of \(balance.formatted)"
        case .dateInPast(let date, let today):
            return "\(date) is in the past (today is \(today))"
        case .belowSettlementFloor(let offer, let floor, let role):
            return "a settlement of \(offer.formatted) is below the client's floor of \(floor.formatted) and needs a \(role.rawValue)'s approval"
        case .approverLacksRole(let approver, let role):
            return "a \(approver.rawValue) cannot approve this; it needs a \(role.rawValue) or above"
        case .installmentBelowMinimum(let installment, let minimum):
            return "an installment of \(installment.formatted) a month is below the client's minimum of \(minimum.formatted)"
        case .termTooLong(let months, let maximum):
            return "a plan of \(months) months is longer than the client's maximum of \(maximum) months"
        case .settlementNotAllowed:
            return "this client does not accept settlements"
        case .noInstallments:
            return "a plan needs at least one installment"
        case .installmentsOutOfOrder(let n):
            return "installment \(n) falls due before the one before it"
        }
    }
}

/// The roles of the people who use Candor, in increasing authority for approvals.
/// `compliance` and `admin` rank above `supervisor` for approving terms.
public enum StaffRole: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case collector, supervisor, compliance, admin

    var rank: Int {
        switch self {
        case .collector: return 0
        case .supervisor: return 1
        case .compliance: return 2
        case .admin: return 3
        }
    }

    public static func < (a: StaffRole, b: StaffRole) -> Bool { a.rank < b.rank }

    /// Whether someone in this role may approve what `required` may approve.
    public func canApprove(asMuchAs required: StaffRole) -> Bool { self >= required }
}

/// Who approved terms outside the client's rules.
public struct Approval: Sendable, Hashable, Codable {
    public var by: String
    public var role: StaffRole

    public init(by: String, role: StaffRole) {
        self.by = by; self.role = role
    }
}
