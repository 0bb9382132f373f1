/// Why a contact is not allowed now. `code` is the stable string of the API; every
/// reason carries the rule it comes from (`citation`).
public enum ContactReason: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case attorneyRepresented = "ATTORNEY_REPRESENTED"
    case bankruptcyStay = "BANKRUPTCY_STAY"
    case ceaseCommunication = "CEASE_COMMUNICATION"
    case channelOptOut = "CHANNEL_OPT_OUT"
    case consumerInconvenientTime = "CONSUMER_INCONVENIENT_TIME"
    case deceased = "DECEASED"
    case disputePending = "DISPUTE_PENDING"
    case outsideCallingHours = "OUTSIDE_CALLING_HOURS"
    case regFCallFrequency = "REG_F_CALL_FREQUENCY"
    case regFConversationWait = "REG_F_CONVERSATION_WAIT"
    case stateCallFrequency = "STATE_CALL_FREQUENCY"
    case tcpaConsentRequired = "TCPA_CONSENT_REQUIRED"
    case timeZoneUnknown = "TIME_ZONE_UNKNOWN"
    case workplaceProhibited = "WORKPLACE_PROHIBITED"
    // Cases are declared in alphabetical order of `code`: `allCases` order is the
    // order the API prints reasons in.

    /// The API's code, e.g. `REG_F_CALL_FREQUENCY`.
    public var code: String { rawValue }

    /// The rule behind the reason.
    public var citation: String {
        switch self {
        case .outsideCallingHours: return "12 CFR 1006.6(b)(1)(i)"
        case .consumerInconvenientTime: return "12 CFR 1006.6(b)(1)"
        case .regFCallFrequency: return "12 CFR 1006.14(b)(2)(i)(A)"
        case .regFConversationWait: return "12 CFR 1006.14(b)(2)(i)(B)"
        // The state rule book names each row's own citation; Massachusetts is the only row.
        case .stateCallFrequency: return StateRuleBook.standard.citationSummary
        case .ceaseCommunication: return "15 U.S.C. 1692c(c); 12 CFR 1006.6(c)(1)"
        case .attorneyRepresented: return "15 U.S.C. 1692c(a)(2); 12 CFR 1006.6(b)(2)"
        case .bankruptcyStay: return "11 U.S.C. 362(a)(6)"
        case .deceased: return "12 CFR 1006.2(e), 1006.6(a)(4)"
        case .disputePending: return "15 U.S.C. 1692g(b); 12 CFR 1006.38(d)(2)"
        case .channelOptOut: return "12 CFR 1006.14(h)(1); 1006.6(e)"
        case .tcpaConsentRequired: return "47 U.S.C. 227(b)(1)(A)(iii), 227(b)(1)(B); 47 CFR 64.1200(a)"
        case .workplaceProhibited: return "15 U.S.C. 1692c(a)(3); 12 CFR 1006.6(b)(3)"
        case .timeZoneUnknown: return "12 CFR 1006.6(b)(1)(i) (no candidate time zone: convenience cannot be shown)"
        }
    }

    /// The rule in plain words, for a collector's screen.
    public var summary: String {
        switch self {
        case .outsideCallingHours: return "It is before 8 a.m. or after 9 p.m. where the consumer may be."
        case .consumerInconvenientTime: return "The consumer said this time is inconvenient."
        case .regFCallFrequency: return "Seven calls about this debt were already placed in seven days."
        case .regFConversationWait: return "We spoke with the consumer about this debt within the last seven days."
        case .stateCallFrequency: return "The state's limit on calls and texts for this period is reached."
        case .ceaseCommunication: return "The consumer asked us to stop communicating."
        case .attorneyRepresented: return "The consumer is represented by an attorney; contact the attorney."
        case .bankruptcyStay: return "The consumer is in bankruptcy; collection is stayed."
        case .deceased: return "The consumer is deceased."
        case .disputePending: return "The debt is disputed; collection waits until verification is mailed."
        case .channelOptOut: return "The consumer opted out of this channel or address."
        case .tcpaConsentRequired: return "Automated calls and texts to this line need the consumer's prior consent."
        case .workplaceProhibited: return "The consumer's employer prohibits contact at work."
        case .timeZoneUnknown: return "We cannot tell the consumer's time zone."
        }
    }

    /// True when waiting cannot lift the reason: only a change of state (a flag, an
    /// opt-out, consent, a known zone, the workplace ban) can. Such a reason makes
    /// `nextAllowedAt` nil.
    public var needsChangeOfState: Bool {
        switch self {
        case .outsideCallingHours, .consumerInconvenientTime, .regFCallFrequency,
             .regFConversationWait, .stateCallFrequency:
            return false
        default:
            return true
        }
    }

    public static func < (lhs: ContactReason, rhs: ContactReason) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Bit in `ContactReasons`; the order of declaration, which is alphabetical.
    var bit: UInt16 {
        switch self {
        case .attorneyRepresented: return 1 << 0
        case .bankruptcyStay: return 1 << 1
        case .ceaseCommunication: return 1 << 2
        case .channelOptOut: return 1 << 3
        case .consumerInconvenientTime: return 1 << 4
        case .deceased: return 1 << 5
        case .disputePending: return 1 << 6
        case .outsideCallingHours: return 1 << 7
        case .regFCallFrequency: return 1 << 8
        case .regFConversationWait: return 1 << 9
        case .stateCallFrequency: return 1 << 10
        case .tcpaConsentRequired: return 1 << 11
        case .timeZoneUnknown: return 1 << 12
        case .workplaceProhibited: return 1 << 13
        }
    }
}

/// A set of reasons as bits: `decide` builds it without allocating.
public struct ContactReasons: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(_ reason: ContactReason) { self.init(rawValue: reason.bit) }

    public static let outsideCallingHours = ContactReasons(.outsideCallingHours)
    public static let consumerInconvenientTime = ContactReasons(.consumerInconvenientTime)
    public static let regFCallFrequency = ContactReasons(.regFCallFrequency)
    public static let regFConversationWait = ContactReasons(.regFConversationWait)
    public static let stateCallFrequency = ContactReasons(.stateCallFrequency)
    public static let ceaseCommunication = ContactReasons(.ceaseCommunication)
    public static let attorneyRepresented = ContactReasons(.attorneyRepresented)
    public static let bankruptcyStay = ContactReasons(.bankruptcyStay)
    public static let deceased = ContactReasons(.deceased)
    public static let disputePending = ContactReasons(.disputePending)
    public static let channelOptOut = ContactReasons(.channelOptOut)
    public static let tcpaConsentRequired = ContactReasons(.tcpaConsentRequired)
    public static let workplaceProhibited = ContactReasons(.workplaceProhibited)
    public static let timeZoneUnknown = ContactReasons(.timeZoneUnknown)

    /// Reasons that waiting can never lift.
    public static let needingChangeOfState = ContactReasons(
        rawValue: ContactReason.allCases.filter(\.needsChangeOfState).reduce(0) { $0 | $1.bit })

    /// Reasons in API order (alphabetical by code).
    public var sorted: [ContactReason] { ContactReason.allCases.filter { rawValue & $0.bit != 0 } }
    public var codes: [String] { sorted.map(\.code) }

    public func contains(_ reason: ContactReason) -> Bool { rawValue & reason.bit != 0 }
}
