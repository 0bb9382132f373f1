// The dialing floor: one campaign's agents, calls in flight and people on hold. It asks the
// pacer how many calls to launch, asks the compliance gate about every number at the
// moment of dialing, routes live answers to agents, abandons (with the limited-content
// message) a person nobody takes within the hold limit, and writes an attempt record for
// every dial. The simulator and live campaigns both drive this class; only the
// `Telephony`, `DialerClock`, `ContactGate` and `FloorHost` behind it differ.
//
// Not thread-safe by design: the host serialises calls (an actor in live code, a single
// event loop in the simulator). Telephony must not call back synchronously from `place`.

public protocol FloorHost: AnyObject {
    /// Call `DialingFloor.tick()` at (or just after) `time`: a hold deadline.
    func requestWake(at time: Double)
    /// A call was bridged to an agent: the agent desktop shows `target`'s account.
    func connected(_ call: CallID, to agent: AgentID, target: ContactTarget)
    /// The contact log: every attempt, whatever its outcome (Reg F counts include them).
    func record(_ attempt: AttemptRecord)
}

public final class DialingFloor {
    public let campaign: Campaign
    public internal(set) var ledger: AbandonLedger
    public internal(set) var pacer: any Pacer
    public var maxHold: Double
    public var ringTimeout: Double
    /// Stop launching (calls in flight still complete and are still routed).
    public var isDialing = true
    /// For hosts whose compliance check needs I/O (the stored-account runner): `pace()`
    /// then only sets `launchesWanted`, and the host checks each number asynchronously at
    /// the moment of dialing and calls `launchChecked(_:)` (DialingFloor+Staged.swift).
    /// Off by default: the simulator and synchronous gates keep the one-step path.
    public var checksGateAsynchronously = false
    public internal(set) var launchesWanted = 0

    let telephony: any Telephony
    let clock: any DialerClock
    let gate: any ContactGate
    let contacts: any ContactQueue
    unowned let host: any FloorHost

    struct AgentSlot {
        var status: AgentStatus
        var call: CallID?
        var connectedAt = 0.0
        var hungUpAt = 0.0
        var wantsPreview = false
    }
    struct LiveCall {
        var target: ContactTarget
        var placedAt: Double
        var answeredAt = 0.0
        var deadline = 0.0
        var slot = 0            // index into `placedAt` while in flight
    }
    var agents: [AgentSlot] = []
    var agentIndex: [AgentID: Int] = [:]
    var observations: [AgentObservation] = []   // parallel to `agents`, handed to the pacer
    var ready: [Int] = []                        // FIFO: the longest-idle agent goes first
    var inFlight: [CallID: LiveCall] = [:]
    var placedAt: [Double] = []                  // launch times of calls in flight
    var placedIDs: [CallID] = []
    var holding: [(CallID, LiveCall)] = []       // FIFO by answer time
    var withAgent: [CallID: (agent: Int, call: LiveCall)] = [:]
    var nextCall = 0
    public internal(set) var peakLines = 0

    public init(
        campaign: Campaign, agents: [AgentID], pacer: any Pacer, telephony: any Telephony,
        clock: any DialerClock, gate: any ContactGate, contacts: any ContactQueue,
        host: any FloorHost, ledger: AbandonLedger = AbandonLedger(),
        maxHold: Double = 2, ringTimeout: Double = 20
    ) {
        self.campaign = campaign
        self.pacer = pacer
        self.telephony = telephony
        self.clock = clock
        self.gate = gate
        self.contacts = contacts
        self.host = host
        self.ledger = ledger
        self.maxHold = maxHold
        self.ringTimeout = ringTimeout
        for id in agents {
            agentIndex[id] = self.agents.count
            self.agents.append(AgentSlot(status: AgentStatus(id: id, state: .loggedIn, since: clock.now)))
            observations.append(AgentObservation(phase: .unavailable, since: clock.now))
        }
    }

    // MARK: Observing

    public var agentStatuses: [AgentStatus] { agents.map(\.status) }
    public var callsInFlight: Int { placedAt.count }
    public var peopleOnHold: Int { holding.count }
    public var agentsOnCall: Int { withAgent.count }
    public var linesInUse: Int { placedAt.count + holding.count + withAgent.count }
    var staffing: Int { observations.reduce(0) { $0 + ($1.phase == .unavailable ? 0 : 1) } }

    public func snapshot() -> FloorSnapshot {
        let lines = campaign.maxLinesPerAgent * Double(staffing)
        return FloorSnapshot(
            now: clock.now, agents: observations, callsPlacedAt: placedAt, onHold: holding.count,
            previewRequests: agents.reduce(0) { $0 + ($1.wantsPreview ? 1 : 0) } - placedAt.count,
            ledger: ledger, abandonCap: campaign.abandonCap,
            maxLines: lines >= Double(Int.max / 2) ? .max : Int(lines))
    }

    // MARK: Pacing

    /// Ask the pacer and launch what it wants. Hosts call this after every event and on a
    /// short timer (the forecast changes as agents' elapsed times grow).
    public func pace() {
        let now = clock.now
        launchesWanted = 0
        guard isDialing, campaign.hours.contains(secondOfDay: now.truncatingRemainder(dividingBy: 86_400))
        else { return }
        var snap = snapshot()
        let wanted = min(pacer.callsToLaunch(snap), snap.lineHeadroom)
        snap = FloorSnapshot(now: now, agents: [], callsPlacedAt: [])   // release the arrays
        if checksGateAsynchronously {
            launchesWanted = wanted
            return
        }
        var launched = 0, refusals = 0
        // Refusals are bounded so a list of refused numbers cannot spin this loop.
        while launched < wanted, refusals < 100, let target = contacts.next() {
            switch gate.mayDial(target, at: now) {
            case .allowed:
                launch(target, at: now)
                launched += 1
            case .refused:
                refusals += 1
                host.record(AttemptRecord(campaignID: campaign.id, target: target, callID: nil,
                                          placedAt: now, endedAt: now, outcome: .refused))
            }
        }
        peakLines = max(peakLines, linesInUse)
    }

    func launch(_ target: ContactTarget, at now: Double) {
        let id = CallID(nextCall)
        nextCall += 1
        inFlight[id] = LiveCall(target: target, placedAt: now, slot: placedAt.count)
        placedAt.append(now)
        placedIDs.append(id)
        if let i = agents.firstIndex(where: \.wantsPreview) { agents[i].wantsPreview = false }
        telephony.place(CallRequest(callID: id, target: target, ringTimeout: ringTimeout))
    }

    /// Expire holds whose deadline passed, then pace.
    public func tick() {
        let now = clock.now
        while let first = holding.first, first.1.deadline <= now + 1e-9 {
            holding.removeFirst()
            abandon(first.0, first.1, at: now)
        }
        pace()
    }

    func abandon(_ id: CallID, _ call: LiveCall, at now: Double) {
        ledger.today.abandoned += 1
        telephony.playLimitedContentMessageAndHangUp(id)
        host.record(AttemptRecord(campaignID: campaign.id, target: call.target, callID: id,
                                  placedAt: call.placedAt, endedAt: now, outcome: .abandoned))
    }
}
