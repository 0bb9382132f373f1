import CandorDialer
import CandorStore
import Foundation
import Logging

/// One running campaign on this server instance. Until the SIP adapter exists (a later
/// issue) it dials `SimulatedTelephony`, a stand-in for a carrier that places no real
/// call; the status says `"telephony": "simulated"` and the page shows a banner.
///
/// One loop owns the runner: every event, tick and stop goes through it, so the floor
/// (not thread-safe) is never entered twice at once. Requests only read the snapshot the
/// loop publishes after each step, or set `stopRequested`.
actor LiveCampaign {
    let campaign: StoredCampaign
    let runner: StoredCampaignRunner
    let telephony: SimulatedTelephony
    let clock: SystemDialerClock
    let board: AgentBoard
    let logger = Logger(label: "candor.dialer")
    private(set) var snapshot: FloorFigures
    private(set) var history: [StatusSample] = []
    private(set) var finished = false
    private var stopRequested = false
    private var dialingStopped = false

    struct FloorFigures: Sendable {
        var linesInFlight = 0, peopleOnHold = 0, linesInUse = 0
        var agents: [String: Int] = [:]
        var today = AbandonCounts(), thirtyDays = AbandonCounts()
    }

    struct StatusSample: Sendable, Codable {
        var at: Date
        var occupancy: Double
        var abandonRate: Double
    }

    init(store: SQLStore, campaign: StoredCampaign, agents: [AgentID], origin: Date, seed: UInt64, board: AgentBoard) {
        self.campaign = campaign
        self.board = board
        clock = SystemDialerClock(secondsAtOrigin: origin.timeIntervalSince1970)
        telephony = SimulatedTelephony(seed: seed, clock: clock)
        runner = StoredCampaignRunner(store: store, campaign: campaign, agents: agents, telephony: telephony, clock: clock)
        snapshot = FloorFigures()
    }

    func start() async throws {
        try await runner.startShift()
        await publish()
        Task { await self.run() }
    }

    /// Stops launching; calls on the line finish and are logged, then the loop ends.
    func requestStop() { stopRequested = true }

    var isStopping: Bool { stopRequested }

    private func run() async {
        var nextTick = clock.now + 1, nextSample = clock.now
        while true {
            do {
                if stopRequested, !dialingStopped {
                    try await runner.stopDialing()
                    dialingStopped = true
                }
                if dialingStopped, runner.isIdle, telephony.nextEventTime == nil { break }
                let now = clock.now
                while let item = telephony.popDue(atOrBefore: now) {
                    switch item.due {
                    case .network(let event): try await runner.handle(event)
                    case .agentFree(let agent): try await runner.agentReady(agent)
                    }
                }
                if let wake = runner.nextWake, wake <= now { try await runner.tick() }
                if now >= nextTick {
                    try await runner.tick()
                    nextTick = now + Simulation.pacingInterval
                }
                // The ledger is saved each minute so another instance's status sees today's counts.
                if now >= nextSample {
                    try await runner.saveLedger()
                    nextSample = now + 60
                    await publish(sample: true)
                } else {
                    await publish()
                }
            } catch {
                logger.error("campaign stopped on an error", metadata: ["campaign_id": "\(campaign.id)", "error": "\(String(reflecting: error))"])
                break
            }
            let next = min(nextTick, telephony.nextEventTime ?? .infinity, runner.nextWake ?? .infinity)
            try? await Task.sleep(for: .seconds(max(0.01, min(next - clock.now, 1))))
        }
        finished = true
        await board.leave(campaign: campaign.id)
    }

    private func publish(sample: Bool = false) async {
        guard let floor = runner.floor else { return }
        let staffed = floor.agentStatuses.filter { $0.state.isStaffing }.count
        snapshot = FloorFigures(linesInFlight: floor.callsInFlight, peopleOnHold: floor.peopleOnHold, linesInUse: floor.linesInUse,
                                agents: floor.agentsByState, today: floor.ledger.today, thirtyDays: floor.ledger.rolling30Days)
        if sample {
            let occupancy = staffed == 0 ? 0 : Double(floor.agentsOnCall) / Double(staffed)
            history.append(StatusSample(at: Date(timeIntervalSince1970: clock.now), occupancy: occupancy,
                                        abandonRate: floor.ledger.today.rate))
            if history.count > 720 { history.removeFirst(history.count - 720) }   // a 12-hour shift
        }
        await board.update(campaign: campaign.id, floor.agentStatuses)
    }
}

/// What each agent desktop shows: state and the account of the call just connected.
/// Per server instance: an agent's desktop must ask the instance running its campaign.
actor AgentBoard {
    struct Entry: Sendable, Codable {
        var agentId: String
        var campaignId: String
        var state: String
        var pauseReason: String?
        var since: Date
        var accountId: String?
        var phoneNumber: String?
    }
    private var entries: [String: Entry] = [:]

    func update(campaign: String, _ statuses: [AgentStatus]) {
        for status in statuses {
            var entry = Entry(agentId: status.id.rawValue, campaignId: campaign, state: status.state.name,
                              since: Date(timeIntervalSince1970: status.since))
            if case .paused(let reason) = status.state { entry.pauseReason = reason.rawValue }
            // The account stays on the desktop through wrap-up, for the agent's notes.
            if let target = status.currentTarget {
                entry.accountId = target.accountID
                entry.phoneNumber = target.phoneNumber
            } else if case .wrapUp = status.state, let previous = entries[status.id.rawValue] {
                entry.accountId = previous.accountId
                entry.phoneNumber = previous.phoneNumber
            }
            entries[status.id.rawValue] = entry
        }
    }

    func leave(campaign: String) {
        entries = entries.filter { $0.value.campaignId != campaign }
    }

    func entry(_ agent: String) -> Entry? { entries[agent] }
}
