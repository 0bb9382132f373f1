import CandorCore

/// Input about collections work (dispositions, promises, plans, notes, assignments) that
/// the caller must correct, or a record that is not there. Nothing is written when one is
/// thrown: every write that can throw it runs in one transaction.
public enum CollectionsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `field` names the form field or JSON key at fault.
    case invalid(field: String, message: String)
    /// Terms outside the client's rules, or a promise/plan that cannot be (amount over the
    /// balance, a date in the past, below the settlement floor without approval...).
    case terms(field: String, TermsError)
    case disposition(DispositionError)
    case unknownUser(String)
    case unknownPlan(String)

    public var description: String {
        switch self {
        case .invalid(_, let message): return message
        case .terms(_, let e): return e.description
        case .disposition(let e): return e.description
        case .unknownUser(let name): return "no collector \(name) who may work this client's accounts"
        case .unknownPlan(let id): return "no payment plan \(id)"
        }
    }

    /// The field to name in an error response.
    public var field: String? {
        switch self {
        case .invalid(let f, _), .terms(let f, _): return f
        case .disposition(let e):
            switch e {
            case .noAccount: return "accounts"
            case .missingFollowUp(_, let followUp):
                switch followUp {
                case .promiseToPay: return "promise"
                case .callbackTime: return "callback_at"
                case .budget: return "budget"
                }
            case .callbackInThePast: return "callback_at"
            }
        case .unknownUser: return "user"
        case .unknownPlan: return "plan"
        }
    }
}
