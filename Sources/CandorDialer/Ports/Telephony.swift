// The telephone network as the dialer needs it, and nothing more. The SIP trunk adapter
// (a later issue) and the simulator both implement it, so pacing and routing code cannot
// tell a simulated call from a real one.

public struct CallID: Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public var description: String { "call-\(rawValue)" }
}

public struct CallRequest: Hashable, Sendable {
    public var callID: CallID
    public var target: ContactTarget
    /// Give up after this many seconds of ringing; house policy is at least 15 s
    /// (47 CFR 64.1200(a)(6)), the default 20 s.
    public var ringTimeout: Double
    public init(callID: CallID, target: ContactTarget, ringTimeout: Double) {
        self.callID = callID
        self.target = target
        self.ringTimeout = ringTimeout
    }
}

public enum CallFailure: String, Hashable, Sendable, Codable {
    case busy
    case invalidNumber = "invalid_number"
    case network
}

/// What the network reports about a placed call. With answering-machine detection on,
/// `answeredHuman` / `answeredMachine` arrive after the AMD verdict; with it off, every
/// answer arrives as `answeredHuman` (the dialer cannot tell, so an agent must take it).
public enum TelephonyEvent: Hashable, Sendable {
    case answeredHuman(CallID)
    case answeredMachine(CallID)
    case failed(CallID, CallFailure)
    case noAnswer(CallID)
    /// The far end hung up (a held consumer who gave up, or the end of a conversation).
    case hungUp(CallID)

    public var callID: CallID {
        switch self {
        case .answeredHuman(let id), .answeredMachine(let id), .failed(let id, _),
             .noAnswer(let id), .hungUp(let id):
            id
        }
    }
}

/// Commands the dialer gives the network. Events come back through
/// `DialingFloor.handle(_:)` on the floor's own executor.
public protocol Telephony: AnyObject {
    func place(_ request: CallRequest)
    /// Bridge an answered call to an agent's line.
    func connect(_ call: CallID, to agent: AgentID)
    /// 12 CFR 1006.2(j): an abandoned call plays the limited-content message, then ends.
    func playLimitedContentMessageAndHangUp(_ call: CallID)
    func hangUp(_ call: CallID)
}
