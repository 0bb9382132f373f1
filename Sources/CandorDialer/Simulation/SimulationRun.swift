// One run of one pacer: a discrete-event loop around the real `DialingFloor`.

import Foundation

public struct RunResult: Hashable, Sendable {
    public var talkOccupancy: Double
    public var busyOccupancy: Double
    /// Abandoned people / people who answered (ground truth, AMD false positives included).
    public var abandonRate: Double
    public var peopleAnswered: Int
    public var peopleAbandoned: Int
    public var connects: Int
    public var dials: Int
    public var idleSeconds: Double
    public var peakLines: Int
    /// What the floor logged, by outcome: every dial appears here.
    public var attempts: [AttemptOutcome: Int]
}

public enum Simulation {
    /// Seconds between pacing decisions when nothing else happens; live floors re-pace on
    /// a timer too, since forecasts change as agents' elapsed times grow.
    public static let pacingInterval = 1.0

    /// Runs run `run` (0-based) of `scenario` with `pacer`.
    /// `onTick` sees the floor once per pacing interval (for traces and charts).
    public static func run(
        _ scenario: Scenario, pacer: any Pacer, run: Int,
        onTick: ((Double, DialingFloor) -> Void)? = nil
    ) -> RunResult {
        let clock = ManualDialerClock(now: 0)
        let network = SimulatedNetwork(scenario: scenario, run: run, clock: clock)
        let agentIDs = (0..<scenario.nAgents).map { AgentID("agent-\($0)") }
        for (i, id) in agentIDs.enumerated() { network.agentNumber[id] = i }
        let campaign = Campaign(
            id: CampaignID("simulation"), clientScope: "simulation", mode: .predictive,
            hours: CampaignHours(start: 0, end: scenario.shift), abandonCap: scenario.abandonCap,
            maxLinesPerAgent: 6)
        let floor = DialingFloor(
            campaign: campaign, agents: agentIDs, pacer: pacer, telephony: network, clock: clock,
            gate: AllowAllGate(), contacts: EndlessContacts(), host: network,
            maxHold: scenario.maxHold, ringTimeout: scenario.ringTimeout)
        network.floor = floor
        // Agents stay logged in the whole shift (spec).
        for id in agentIDs { floor.agentReady(id) }
        network.queue.schedule(.tick, at: pacingInterval)

        while let event = network.queue.pop() {
            clock.now = event.time
            switch event.kind {
            case .network(let e):
                floor.handle(e)
                if case .hungUp(let call) = e, let pending = network.pendingWrap.removeValue(forKey: call.rawValue) {
                    network.queue.schedule(.wrapEnd(agent: pending.agent), at: event.time + pending.wrap)
                }
            case .wrapEnd(let agent):
                floor.finishWrapUp(agentIDs[agent])
            case .tick:
                floor.tick()
                onTick?(event.time, floor)
                if event.time + pacingInterval < scenario.shift {
                    network.queue.schedule(.tick, at: event.time + pacingInterval)
                }
            case .wake:
                floor.tick()
            }
        }

        let capacity = Double(scenario.nAgents) * scenario.shift
        return RunResult(
            talkOccupancy: network.talkTime / capacity,
            busyOccupancy: network.busyTime / capacity,
            abandonRate: network.peopleAnswered == 0 ? 0
                : Double(network.peopleAbandoned) / Double(network.peopleAnswered),
            peopleAnswered: network.peopleAnswered, peopleAbandoned: network.peopleAbandoned,
            connects: network.peopleConnected, dials: network.dials,
            idleSeconds: capacity - network.busyTime, peakLines: floor.peakLines,
            attempts: network.outcomes)
    }
}

/// The simulator dials the same anonymous target forever; only outcomes matter.
final class EndlessContacts: ContactQueue {
    static let target = ContactTarget(accountID: "sim", contactPointID: "sim", phoneNumber: "+15555550100")
    func next() -> ContactTarget? { Self.target }
}
