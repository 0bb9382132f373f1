import Foundation

/// Which way a past contact went.
public enum ContactDirection: String, Sendable, Hashable, CaseIterable, Codable {
    case inbound, outbound
}

/// What happened on a past contact.
public enum ContactOutcome: String, Sendable, Hashable, CaseIterable, Codable {
    // phone
    case noAnswer = "no_answer"
    case busy, voicemail
    case limitedContentMessage = "limited_content_message"
    case machine, abandoned
    /// Talked with the consumer about the debt (a Reg F "telephone conversation").
    case conversation
    case thirdParty = "third_party"
    /// Network failure or invalid number: the phone never rang.
    case notConnected = "not_connected"
    // sms, email, letter
    case sent

    /// Whether this outcome can be recorded for a contact on `channel`.
    public func isValid(for channel: ContactChannel) -> Bool {
        channel == .phone ? self != .sent : self == .sent
    }
}

/// One past contact (the contact log), about one or more debts.
public struct ContactEvent: Sendable, Hashable {
    public var at: Date
    public var channel: ContactChannel
    public var direction: ContactDirection
    public var outcome: ContactOutcome
    public var place: ContactPlace
    /// The debts (account IDs) the contact was about; a conversation counts for each.
    public var accounts: [String]

    public init(at: Date, channel: ContactChannel, direction: ContactDirection = .outbound,
                outcome: ContactOutcome, place: ContactPlace = .personal, accounts: [String]) {
        self.at = at
        self.channel = channel
        self.direction = direction
        self.outcome = outcome
        self.place = place
        self.accounts = accounts
    }
}

/// The debt being collected and what the consumer told us.
public struct ContactAccount: Sendable, Hashable {
    public var id: String
    /// Mailing address state; `nil` when unknown.
    public var state: USStateCode?
    /// Mailing address ZIP; `nil` when unknown.
    public var postalCode: ZIPCode?
    public var flags: AccountFlags
    public var inconvenientTimes: [InconvenientWindow]
    public var optOuts: [OptOut]
    public var employerProhibitsContact: Bool

    public init(id: String, state: USStateCode? = nil, postalCode: ZIPCode? = nil,
                flags: AccountFlags = [], inconvenientTimes: [InconvenientWindow] = [],
                optOuts: [OptOut] = [], employerProhibitsContact: Bool = false) {
        self.id = id
        self.state = state
        self.postalCode = postalCode
        self.flags = flags
        self.inconvenientTimes = inconvenientTimes
        self.optOuts = optOuts
        self.employerProhibitsContact = employerProhibitsContact
    }
}

/// The number, email or postal address a contact would use.
public struct ContactPoint: Sendable, Hashable {
    public var channel: ContactChannel
    public var address: ContactAddress
    public var lineType: LineType
    public var place: ContactPlace
    /// Prior express consent to autodialed / prerecorded calls and texts (TCPA).
    public var autodialerConsent: Bool

    public init(channel: ContactChannel, address: ContactAddress, lineType: LineType = .unknown,
                place: ContactPlace = .personal, autodialerConsent: Bool = false) {
        self.channel = channel
        self.address = address
        self.lineType = lineType
        self.place = place
        self.autodialerConsent = autodialerConsent
    }
}

/// The contact being asked about.
public struct ProposedContact: Sendable, Hashable {
    public var channel: ContactChannel
    /// Phone only; ignored for other channels.
    public var dialing: DialingMode
    /// An artificial or prerecorded voice.
    public var prerecorded: Bool

    public init(channel: ContactChannel, dialing: DialingMode = .manual, prerecorded: Bool = false) {
        self.channel = channel
        self.dialing = dialing
        self.prerecorded = prerecorded
    }
}

/// Everything the engine needs to decide one contact. Pure data: build it from a
/// scenario (`ContactScenario`) or from stored state.
public struct ContactRequest: Sendable, Hashable {
    /// The instant of the proposed contact.
    public var now: Date
    public var account: ContactAccount
    public var contactPoint: ContactPoint
    /// Past contacts; entries after `now` are ignored.
    public var history: [ContactEvent]
    public var proposed: ProposedContact

    public init(now: Date, account: ContactAccount, contactPoint: ContactPoint,
                history: [ContactEvent] = [], proposed: ProposedContact) {
        self.now = now
        self.account = account
        self.contactPoint = contactPoint
        self.history = history
        self.proposed = proposed
    }
}
