// Test doubles for the floor's ports.

@testable import CandorDialer

final class RecordingTelephony: Telephony {
    var placed: [CallRequest] = []
    var limitedContent: [CallID] = []
    var connected: [(CallID, AgentID)] = []
    func place(_ request: CallRequest) { placed.append(request) }
    func connect(_ call: CallID, to agent: AgentID) { connected.append((call, agent)) }
    func playLimitedContentMessageAndHangUp(_ call: CallID) { limitedContent.append(call) }
    func hangUp(_ call: CallID) {}
}

final class RecordingHost: FloorHost {
    var wakes: [Double] = []
    var attempts: [AttemptRecord] = []
    var connections: [(CallID, AgentID, ContactTarget)] = []
    func requestWake(at time: Double) { wakes.append(time) }
    func connected(_ call: CallID, to agent: AgentID, target: ContactTarget) { connections.append((call, agent, target)) }
    func record(_ attempt: AttemptRecord) { attempts.append(attempt) }
}

/// Refuses the numbers it is told to refuse, and remembers when it was asked.
final class ScriptedGate: ContactGate {
    var refused: Set<String>
    var askedAt: [(String, Double)] = []
    init(refusing: Set<String> = []) { refused = refusing }
    func mayDial(_ target: ContactTarget, at time: Double) -> GateDecision {
        askedAt.append((target.phoneNumber, time))
        return refused.contains(target.phoneNumber) ? .refused(reason: "test") : .allowed
    }
}

/// Launches exactly what it is told, to drive the floor by hand.
struct FixedPacer: Pacer {
    var next = 0
    var name: String { "fixed" }
    mutating func callsToLaunch(_ floor: FloorSnapshot) -> Int { defer { next = 0 }; return next }
}

func targets(_ n: Int) -> [ContactTarget] {
    (0..<n).map { ContactTarget(accountID: "acct-\($0)", contactPointID: "cp-\($0)", phoneNumber: "+1555000\($0)") }
}

func snapshot(ready: Int, talking: Int = 0, wrapping: Int = 0, inFlight: Int = 0, onHold: Int = 0,
              now: Double = 100, ledger: AbandonLedger = AbandonLedger()) -> FloorSnapshot {
    let agents = Array(repeating: AgentObservation(phase: .ready, since: 0), count: ready)
        + Array(repeating: AgentObservation(phase: .talking, since: now - 60), count: talking)
        + Array(repeating: AgentObservation(phase: .wrapping, since: now - 10), count: wrapping)
    return FloorSnapshot(now: now, agents: agents, callsPlacedAt: Array(repeating: now - 5, count: inFlight),
                         onHold: onHold, ledger: ledger)
}
