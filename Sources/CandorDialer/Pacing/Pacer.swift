// A pacer answers one question, many times a second: how many calls should be launched
// right now? It sees only what a live floor can see (agent states and how long they have
// been in them, calls in flight, people on hold, the abandon ledger) and learns from what
// happened to earlier calls. It has no clock and no I/O, so the simulator and live
// campaigns run the very same code.

public enum AgentPhase: UInt8, Sendable {
    case ready
    case talking
    case wrapping
    /// Logged in or paused: not part of the team the pacer plans for.
    case unavailable
}

/// One agent as the pacer sees it.
public struct AgentObservation: Sendable {
    public var phase: AgentPhase
    /// When the agent entered `phase`.
    public var since: Double
    public init(phase: AgentPhase, since: Double) { self.phase = phase; self.since = since }
}

public struct FloorSnapshot: Sendable {
    public var now: Double
    public var agents: [AgentObservation]
    /// Launch times of calls placed and not yet answered or ended (a person whose AMD
    /// verdict is pending is still in flight).
    public var callsPlacedAt: [Double]
    /// Live answers waiting for an agent right now.
    public var onHold: Int
    /// Preview mode: agents who asked for their next call and have none in flight.
    public var previewRequests: Int
    public var ledger: AbandonLedger
    public var abandonCap: Double
    /// Campaign ceiling on concurrent lines (calls in flight + calls with agents).
    public var maxLines: Int

    public init(
        now: Double, agents: [AgentObservation], callsPlacedAt: [Double], onHold: Int = 0,
        previewRequests: Int = 0, ledger: AbandonLedger = AbandonLedger(),
        abandonCap: Double = 0.03, maxLines: Int = .max
    ) {
        self.now = now
        self.agents = agents
        self.callsPlacedAt = callsPlacedAt
        self.onHold = onHold
        self.previewRequests = previewRequests
        self.ledger = ledger
        self.abandonCap = abandonCap
        self.maxLines = maxLines
    }

    public var callsInFlight: Int { callsPlacedAt.count }
    public func count(_ phase: AgentPhase) -> Int {
        var n = 0
        for a in agents where a.phase == phase { n += 1 }
        return n
    }
    /// Lines in use: calls in flight, people on hold, and calls with agents.
    public var linesInUse: Int { callsInFlight + onHold + count(.talking) }
    /// What the campaign ceiling still allows.
    public var lineHeadroom: Int { maxLines == .max ? .max : max(0, maxLines - linesInUse) }
}

/// What happened, reported by the floor so pacers can learn.
public enum PacingObservation: Sendable {
    /// A placed call left the "in flight" state: it was routed as a live answer
    /// (`live == true`) at `endedAt`, or it ended without one.
    case callResolved(placedAt: Double, endedAt: Double, live: Bool)
    /// An agent finished a call: `talk` seconds connected, then `wrap` seconds of wrap-up.
    case handled(talk: Double, wrap: Double)
}

public protocol Pacer {
    /// The name the simulator reports (`progressive`, `ratio:1.3`, `candor`).
    var name: String { get }
    mutating func observe(_ observation: PacingObservation)
    /// Calls to launch now (never negative). The floor clamps to the line ceiling too.
    mutating func callsToLaunch(_ floor: FloorSnapshot) -> Int
}

extension Pacer {
    public mutating func observe(_ observation: PacingObservation) {}
}
