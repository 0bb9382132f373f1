/// The account events that consumer findings open (spec: "Findings from the consumer side are
/// not just reports: they become account events"). Each is reviewed by a compliance user
/// before it changes more than the next contact decision.
public enum AccountEventKind: String, Codable, Sendable, CaseIterable {
    /// "Stop calling me": calls paused pending review (15 USC 1692c(c) once in writing).
    case ceaseRequest = "cease_request"
    /// "I have a lawyer": attorney flag pending review; direct contact barred (1692c(a)(2)).
    case attorney
    /// "I filed for bankruptcy": review; the automatic stay bars collection (11 USC 362).
    case bankruptcy
    /// "This is not my debt": dispute opened; collection waits for verification (1692g(b)).
    case dispute
    /// Job loss, illness, "I can't afford it": affordable-plan review and counseling offer.
    case hardship
    /// "Don't call me at work": contact preference recorded (1692c(a)(1), (3); Reg F 1006.6(b)).
    case inconvenientTime = "inconvenient_time"

    /// nil for codes that are not account events: agent findings feed quality scores,
    /// CONSUMER_ABUSE feeds agent support, PROMISE_TO_PAY becomes a promise (see `promise`).
    public init?(code: FindingCode) {
        switch code {
        case .consumerCeaseRequest: self = .ceaseRequest
        case .consumerAttorney: self = .attorney
        case .consumerBankruptcy: self = .bankruptcy
        case .consumerDispute: self = .dispute
        case .consumerHardship: self = .hardship
        case .consumerInconvenientTime: self = .inconvenientTime
        default: return nil
        }
    }

    /// What the product does next, pending a compliance user's review.
    public var action: String {
        switch self {
        case .ceaseRequest: "pause calls pending review"
        case .attorney: "flag attorney representation pending review"
        case .bankruptcy: "open bankruptcy review"
        case .dispute: "open dispute"
        case .hardship: "review for an affordable plan and offer credit counseling"
        case .inconvenientTime: "record contact preference"
        }
    }
}

/// A proposed event: its kind and the finding (words, time) a reviewer checks it against.
public struct AccountEventProposal: Sendable, Equatable {
    public var kind: AccountEventKind
    public var finding: Finding
}
