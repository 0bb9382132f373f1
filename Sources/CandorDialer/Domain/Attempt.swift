// Every dial becomes an attempt record, whatever its outcome: Regulation F's 7-in-7
// presumption (12 CFR 1006.14(b)(2)) counts placed calls, answered or not, so the contact
// log must see no-answers, busies, machines and abandons too.

public enum AttemptOutcome: String, Hashable, Sendable, Codable, CaseIterable {
    case noAnswer = "no_answer"
    case busy
    /// Failed before ringing: invalid number, network refusal.
    case notConnected = "not_connected"
    /// An answering machine (AMD verdict); no message is left by the dialer.
    case machine
    /// A live answer not connected to an agent within the hold limit (2 s), or hung up by
    /// an AMD false positive when the dialer learns of it.
    case abandoned
    /// A person (or a misclassified machine) reached an agent.
    case conversation
    /// The compliance gate refused the number at the moment of dialing: never placed, so
    /// it is not a call for Reg F, but recorded so the refusal can be audited.
    case refused
}

public struct AttemptRecord: Hashable, Sendable, Codable {
    public var campaignID: CampaignID
    public var target: ContactTarget
    public var callID: CallID?
    public var placedAt: Double
    public var endedAt: Double
    public var outcome: AttemptOutcome
    public var agentID: AgentID?
    /// 12 CFR 1006.2(j): an abandoned call gets the limited-content message (name, number,
    /// no mention of the debt) so it is not a "communication".
    public var limitedContentMessage: Bool
    /// Counts toward the 7-in-7 limit: every call actually placed.
    public var countsAsPlacedCall: Bool { outcome != .refused }

    public init(
        campaignID: CampaignID, target: ContactTarget, callID: CallID?, placedAt: Double,
        endedAt: Double, outcome: AttemptOutcome, agentID: AgentID? = nil
    ) {
        self.campaignID = campaignID
        self.target = target
        self.callID = callID
        self.placedAt = placedAt
        self.endedAt = endedAt
        self.outcome = outcome
        self.agentID = agentID
        self.limitedContentMessage = outcome == .abandoned
    }
}
