import Foundation

/// Which way a call went (the spec's `history[].direction`).
public enum CallDirection: String, Sendable, Hashable, Codable {
    case outbound, inbound
}

/// One contact-log line, ready for storage and for the compliance engine's history
/// (`{"at", "channel": "phone", "direction", "outcome", "accounts"}`).
public struct ContactLogLine: Sendable, Hashable, Codable {
    public var at: Date
    public var channel: String
    public var direction: CallDirection
    public var outcome: String
    /// Every debt discussed: a conversation counts against each one (1006.14(b)(2)(i)(B)).
    public var accounts: [Account.ID]

    public init(at: Date, channel: String = "phone", direction: CallDirection, outcome: String, accounts: [Account.ID]) {
        self.at = at; self.channel = channel; self.direction = direction; self.outcome = outcome
        self.accounts = accounts
    }
}

/// An account flag set by someone at some time, kept for the audit trail and review.
public struct FlagChange: Sendable, Hashable, Codable {
    public var account: Account.ID
    public var flag: DispositionFlag
    public var setBy: String
    public var at: Date
    public var because: Disposition

    public init(account: Account.ID, flag: DispositionFlag, setBy: String, at: Date, because: Disposition) {
        self.account = account; self.flag = flag; self.setBy = setBy; self.at = at; self.because = because
    }
}

public enum DispositionError: Error, Equatable, Sendable, CustomStringConvertible {
    case noAccount
    case missingFollowUp(Disposition, DispositionFollowUp)
    case callbackInThePast

    public var description: String {
        switch self {
        case .noAccount: return "a disposition must name at least one account"
        case .missingFollowUp(let d, let f):
            switch f {
            case .promiseToPay: return "'\(d.label)' needs the promised amount and date"
            case .callbackTime: return "'\(d.label)' needs the time the consumer asked to be called back"
            case .budget: return "'\(d.label)' needs the consumer's income and expenses for a hardship review"
            }
        case .callbackInThePast: return "the callback time is in the past"
        }
    }
}

/// What recording a disposition writes: the contact-log line, the flags (one per account
/// discussed), and whether review is needed. Pure: storage writes it in one transaction.
public struct DispositionOutcome: Sendable, Hashable {
    public var disposition: Disposition
    public var contactLog: ContactLogLine
    public var flagChanges: [FlagChange]
    public var needsReview: Bool
    public var callbackAt: Date?
}

extension Disposition {
    /// Validates and expands a disposition.
    /// - Parameters:
    ///   - accounts: the debts the contact was about (first = the account worked).
    ///   - hasPromise / hasBudget: whether the form carried the promise or budget the
    ///     disposition requires (their own validation is `PromiseToPay` and `Budget`).
    public func record(accounts: [Account.ID], by user: String, at now: Date, direction: CallDirection = .outbound,
                       callbackAt: Date? = nil, hasPromise: Bool = false, hasBudget: Bool = false)
        throws(DispositionError) -> DispositionOutcome {
        guard !accounts.isEmpty else { throw .noAccount }
        switch requires {
        case .promiseToPay? where !hasPromise: throw .missingFollowUp(self, .promiseToPay)
        case .callbackTime? where callbackAt == nil: throw .missingFollowUp(self, .callbackTime)
        case .budget? where !hasBudget: throw .missingFollowUp(self, .budget)
        default: break
        }
        if let callbackAt, callbackAt < now { throw .callbackInThePast }
        let log = ContactLogLine(at: now, direction: direction, outcome: contactOutcome, accounts: accounts)
        let flags = setsFlag.map { flag in
            accounts.map { FlagChange(account: $0, flag: flag, setBy: user, at: now, because: self) }
        } ?? []
        return DispositionOutcome(disposition: self, contactLog: log, flagChanges: flags,
                                  needsReview: needsReview, callbackAt: self == .callbackRequested ? callbackAt : nil)
    }
}
