// Agent states as the dialer sees them. Only `ready` agents receive calls; the pacer
// forecasts when `onCall` and `wrapUp` agents will become ready again.

public struct AgentID: Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

public enum PauseReason: String, Sendable, Codable, CaseIterable {
    case breakTime = "break"
    case lunch
    case training
    case meeting
    case technical
    case other
}

public enum AgentState: Hashable, Sendable, Codable {
    /// Logged in but not yet taking calls.
    case loggedIn
    /// Waiting for a call: the pacer counts this agent as idle.
    case ready
    /// Connected to a call (a person, or a machine AMD let through).
    case onCall(callID: CallID)
    /// After-call work: notes, disposition.
    case wrapUp
    case paused(PauseReason)

    /// Agents the pacer may plan around (a paused or merely logged-in agent is not).
    public var isStaffing: Bool {
        switch self {
        case .ready, .onCall, .wrapUp: true
        case .loggedIn, .paused: false
        }
    }
}

/// What the agent desktop shows: the state, since when, and the account just connected.
public struct AgentStatus: Hashable, Sendable, Codable {
    public var id: AgentID
    public var state: AgentState
    public var since: Double
    public var currentTarget: ContactTarget?

    public init(id: AgentID, state: AgentState, since: Double, currentTarget: ContactTarget? = nil) {
        self.id = id
        self.state = state
        self.since = since
        self.currentTarget = currentTarget
    }
}
