/// What an agent (or the dialer) records as the outcome of one contact attempt.
///
/// A disposition does three things, all decided here so that the web form, the dialer and
/// the import path agree:
/// 1. it writes one contact-log entry whose `outcome` the compliance engine counts
///    (`docs/COMPLIANCE.md`, `shared/spec/contact-decisions.md` history outcomes);
/// 2. for the ones that change what may be done with the account, it sets an account flag
///    (`cease`, `attorney`, `bankruptcy`, `deceased`, `dispute_pending`), recorded with who
///    and when;
/// 3. for the ones a person must look at, it asks for review.
public enum Disposition: String, Sendable, Hashable, Codable, CaseIterable {
    case rightPartyContact = "right_party_contact"
    case thirdParty = "third_party"
    case noAnswer = "no_answer"
    case voicemail
    case wrongNumber = "wrong_number"
    case refused
    case callbackRequested = "callback_requested"
    case promise
    case dispute
    case ceaseRequest = "cease_request"
    case attorney
    case bankruptcy
    case deceased
    case hardship

    /// The contact-log outcome the compliance engine reads (the raw values of the engine's
    /// `ContactOutcome`, spelled as in the spec's `history[].outcome`).
    ///
    /// Every disposition where we spoke with the consumer about the debt is a
    /// `conversation`: 12 CFR 1006.14(b)(2)(i)(B) starts the 7-day wait on any such
    /// conversation, whatever its result (a refusal or a dispute included).
    /// A deceased report normally comes from a relative or executor, so it is a
    /// `third_party` contact; a wrong number is also someone else answering.
    public var contactOutcome: String {
        switch self {
        case .rightPartyContact, .refused, .callbackRequested, .promise, .dispute,
             .ceaseRequest, .attorney, .bankruptcy, .hardship:
            return "conversation"
        case .thirdParty, .wrongNumber, .deceased: return "third_party"
        case .noAnswer: return "no_answer"
        case .voicemail: return "voicemail"
        }
    }

    /// Whether this counts as a right-party contact (RPC) in KPIs.
    public var isRightPartyContact: Bool { contactOutcome == "conversation" }

    /// The account flag this disposition sets (raw values of the engine's `AccountFlag`).
    public var setsFlag: DispositionFlag? {
        switch self {
        // FDCPA 805(c) (15 U.S.C. 1692c(c)) requires a written cease request; we honour a
        // spoken one too (the engine's conservative reading) until the consumer says otherwise.
        case .ceaseRequest: return .cease
        // FDCPA 805(a)(2): no contact once we know the consumer is represented by an attorney.
        case .attorney: return .attorney
        // 11 U.S.C. 362: the automatic stay stops collection.
        case .bankruptcy: return .bankruptcy
        case .deceased: return .deceased
        // FDCPA 809(b): collection pauses until verification is mailed.
        case .dispute: return .disputePending
        default: return nil
        }
    }

    /// Whether a supervisor or compliance officer must review the contact before the
    /// account is worked again. Every flag-setting disposition needs proof (a case number,
    /// an attorney's name, a death certificate); a hardship needs a hardship review
    /// (see `PlanBuilder`); a wrong number needs the phone marked bad.
    public var needsReview: Bool {
        setsFlag != nil || self == .hardship || self == .wrongNumber
    }

    /// The phone number reached is not the consumer's: it should be marked bad so that the
    /// dialer stops calling it (repeated calls to a wrong number are a TCPA risk).
    public var marksNumberWrong: Bool { self == .wrongNumber }

    /// What the agent must capture with this disposition.
    public var requires: DispositionFollowUp? {
        switch self {
        case .promise: return .promiseToPay
        case .callbackRequested: return .callbackTime
        case .hardship: return .budget
        default: return nil
        }
    }

    /// People-facing label for the agent desktop.
    public var label: String {
        switch self {
        case .rightPartyContact: return "Right-party contact"
        case .thirdParty: return "Third party"
        case .noAnswer: return "No answer"
        case .voicemail: return "Voicemail"
        case .wrongNumber: return "Wrong number"
        case .refused: return "Refused to pay"
        case .callbackRequested: return "Callback requested"
        case .promise: return "Promise to pay"
        case .dispute: return "Dispute"
        case .ceaseRequest: return "Cease communication request"
        case .attorney: return "Represented by attorney"
        case .bankruptcy: return "Bankruptcy"
        case .deceased: return "Deceased"
        case .hardship: return "Hardship"
        }
    }
}

/// Account flags a disposition can set; raw values match the compliance engine's
/// `AccountFlag` and the spec's `account.flags`.
public enum DispositionFlag: String, Sendable, Hashable, Codable, CaseIterable {
    case cease, attorney, bankruptcy, deceased
    case disputePending = "dispute_pending"
}

/// What a disposition cannot be saved without.
public enum DispositionFollowUp: String, Sendable, Hashable, Codable {
    /// An amount and a due date (`PromiseToPay`).
    case promiseToPay = "promise_to_pay"
    /// When the consumer asked to be called back.
    case callbackTime = "callback_time"
    /// Income and expenses for a hardship review (`Budget`).
    case budget
}
