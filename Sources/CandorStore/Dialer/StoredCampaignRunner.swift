import CandorCore
import CandorDialer
import Foundation

/// Runs one stored campaign on the shared `DialingFloor`: the list comes from the
/// compliance engine's eligible-now list (client scope, priority), every number is asked
/// again at the moment of dialing (`StoredContactGate`), and every attempt is written to
/// the contact log before the next number is dialed, so the next decision sees it.
///
/// Dialer time is seconds since the Unix epoch. Not thread-safe, like the floor: one
/// driver (a test loop, or the server's campaign actor) calls it, one call at a time;
/// `@unchecked Sendable` only lets that driver hold it across `await`s.
public final class StoredCampaignRunner: FloorHost, @unchecked Sendable {
    public let campaign: StoredCampaign
    public let agents: [AgentID]
    public let gate: StoredContactGate
    let store: SQLStore
    let telephony: any Telephony
    let clock: any DialerClock
    /// Re-read the eligible-now list when it runs dry, at most this often (dialer seconds):
    /// numbers refused earlier (calling hours in the West) become eligible later in the day.
    public var listRefreshInterval = 1800.0

    public private(set) var floor: DialingFloor?
    let queue = RefillableContactQueue()
    var consumers: [String: Consumer.ID] = [:]
    var pending: [(AttemptRecord, ContactPlace, String?)] = []
    var wakes: [Double] = []
    var listedAt = -Double.infinity
    var refusalReason: String?
    public private(set) var outcomes: [AttemptOutcome: Int] = [:]
    /// The agent desktop: the account of the call each agent was just connected to.
    public var onConnected: ((AgentID, ContactTarget) -> Void)?

    public init(store: SQLStore, campaign: StoredCampaign, agents: [AgentID], telephony: any Telephony,
                clock: any DialerClock, engine: ComplianceEngine = .standard) {
        self.store = store
        self.campaign = campaign
        self.agents = agents
        self.telephony = telephony
        self.clock = clock
        gate = StoredContactGate(store: store, dialing: campaign.complianceDialing, engine: engine)
    }

    public static func day(of time: Double) -> Int { Int((time / 86_400).rounded(.down)) }

    // MARK: Shift

    /// A new floor for today's shift: the ledger from storage (30 days), a fresh list,
    /// agents ready. The pacer starts cold each shift (docs/DIALER.md).
    public func startShift() async throws {
        let ledger = try await store.campaignLedger(campaign.id, day: Self.day(of: clock.now))
        let pacer: any Pacer = switch campaign.mode {
        case .preview: PreviewPacer()
        case .progressive: ProgressivePacer()
        case .predictive: CandorPacer()
        }
        let floor = DialingFloor(campaign: campaign.dialerCampaign, agents: agents, pacer: pacer, telephony: telephony,
                                 clock: clock, gate: gate, contacts: queue, host: self, ledger: ledger)
        floor.checksGateAsynchronously = true
        self.floor = floor
        wakes = []
        try await refreshList()
        for agent in agents {
            floor.agentReady(agent)
            if campaign.mode == .preview { floor.requestPreviewCall(agent) }
            try await settle()
        }
    }

    /// Stops launching; calls on the line still complete and are logged.
    public func stopDialing() async throws {
        floor?.isDialing = false
        try await saveLedger()
    }

    public func saveLedger() async throws {
        guard let floor else { return }
        try await store.saveCampaignDay(campaign.id, day: Self.day(of: clock.now), counts: floor.ledger.today)
    }

    // MARK: Events (each one settles: log, then dial what the pacer wants)

    public func handle(_ event: TelephonyEvent) async throws {
        floor?.handle(event)
        try await settle()
    }

    public func agentReady(_ agent: AgentID) async throws {
        floor?.agentReady(agent)
        if campaign.mode == .preview { floor?.requestPreviewCall(agent) }
        try await settle()
    }

    public func pause(_ agent: AgentID, reason: PauseReason) { floor?.pause(agent, reason: reason) }

    /// Expires holds and re-paces (call on a short timer and at `nextWake`).
    public func tick() async throws {
        let now = clock.now
        wakes.removeAll { $0 <= now + 1e-9 }
        floor?.tick()
        try await settle()
    }

    public var nextWake: Double? { wakes.min() }
    public var isIdle: Bool { (floor?.linesInUse ?? 0) == 0 }

    /// Logs what happened, then launches what the pacer asked for, asking the gate about
    /// each number with state read now. Bounded like the floor's own loop.
    func settle() async throws {
        try await flush()
        guard let floor else { return }
        var refusals = 0, skipped = 0
        while floor.launchesWanted > 0, refusals < 100, skipped < 100 {
            guard let target = try await nextTarget() else { break }
            let now = clock.now
            if gate.accountsOnLine.contains(target.accountID) {
                // Not a refusal: try this number again after the current call is logged.
                queue.requeue(target)
                skipped += 1
                continue
            }
            try await gate.prepare(target, at: now)
            switch gate.mayDial(target, at: now) {
            case .allowed:
                gate.accountsOnLine.insert(target.accountID)
                floor.launchChecked(target)
            case .refused(let reason):
                refusals += 1
                refusalReason = reason
                floor.recordRefusal(target)
                refusalReason = nil
            }
        }
        try await flush()
    }

    func nextTarget() async throws -> ContactTarget? {
        if let target = queue.next() { return target }
        guard clock.now - listedAt >= listRefreshInterval else { return nil }
        try await refreshList()
        return queue.next()
    }

    func refreshList() async throws {
        listedAt = clock.now
        let result = try await store.eligibleNow(EligibleNowRequest(
            clientCode: campaign.clientCode, now: Date(timeIntervalSince1970: clock.now),
            dialing: campaign.complianceDialing, priority: campaign.priority))
        var targets: [ContactTarget] = []
        for (rank, contact) in result.eligible.enumerated() {
            consumers[contact.accountID.rawValue] = contact.consumerID
            // The list is already in priority order; rank keeps it through `Campaign.ordered`.
            targets.append(ContactTarget(accountID: contact.accountID.rawValue, contactPointID: contact.number,
                                         phoneNumber: contact.number, priority: result.eligible.count - rank))
        }
        queue.replace(targets)
    }

    func flush() async throws {
        while !pending.isEmpty {
            let (attempt, place, reason) = pending.removeFirst()
            guard let consumer = consumers[attempt.target.accountID] else { continue }
            try await store.recordDialerAttempt(attempt, consumer: consumer, place: place, refusalReason: reason)
        }
    }

    // MARK: FloorHost

    public func requestWake(at time: Double) { wakes.append(time) }

    public func connected(_ call: CallID, to agent: AgentID, target: ContactTarget) { onConnected?(agent, target) }

    public func record(_ attempt: AttemptRecord) {
        outcomes[attempt.outcome, default: 0] += 1
        pending.append((attempt, gate.place(of: attempt.target), attempt.outcome == .refused ? refusalReason : nil))
        if attempt.outcome != .refused { gate.accountsOnLine.remove(attempt.target.accountID) }
    }
}

/// Today's list, replaced when it is re-read; a number skipped for now goes to the back.
final class RefillableContactQueue: ContactQueue {
    private var targets: [ContactTarget] = []
    private var cursor = 0
    func replace(_ list: [ContactTarget]) { targets = list; cursor = 0 }
    func requeue(_ target: ContactTarget) { targets.append(target) }
    func next() -> ContactTarget? {
        guard cursor < targets.count else { return nil }
        defer { cursor += 1 }
        return targets[cursor]
    }
}
