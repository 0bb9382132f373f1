// The compliance engine's answer at the moment of dialing. The campaign list comes from
// the engine's eligible-now list, but minutes can pass between listing and dialing (a
// call-hours boundary, a conversation on another line, a new cease request), so the
// floor asks again for every number just before it is placed. Live code adapts
// CandorCore's compliance engine to this protocol; the dialer does not import its types.

public enum GateDecision: Hashable, Sendable {
    case allowed
    /// Refused, with the rule's reason for the audit log (e.g. "1006.14(b)(2)(i)(A)").
    case refused(reason: String)

    public var isAllowed: Bool { self == .allowed }
}

public protocol ContactGate: AnyObject {
    func mayDial(_ target: ContactTarget, at time: Double) -> GateDecision
}

/// For the simulator and tests: every number may be dialed.
public final class AllowAllGate: ContactGate {
    public init() {}
    public func mayDial(_ target: ContactTarget, at time: Double) -> GateDecision { .allowed }
}

/// Where the next number comes from: the campaign's ordered list for live work, an
/// endless synthetic list in the simulator.
public protocol ContactQueue: AnyObject {
    func next() -> ContactTarget?
}

public final class ListContactQueue: ContactQueue {
    private var targets: [ContactTarget]
    private var cursor = 0
    public init(_ targets: [ContactTarget]) { self.targets = targets }
    public func next() -> ContactTarget? {
        guard cursor < targets.count else { return nil }
        defer { cursor += 1 }
        return targets[cursor]
    }
}
