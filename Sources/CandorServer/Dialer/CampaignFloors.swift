import CandorDialer
import CandorStore
import Foundation

/// The campaigns running on this server instance (in memory: a restart stops them, and the
/// stored status is set back to stopped on the next start request). The 30-day abandon
/// ledger is in the database, so figures survive a restart.
actor CampaignFloors {
    let store: SQLStore
    let clock: @Sendable () -> Date
    let board = AgentBoard()
    private var running: [String: LiveCampaign] = [:]

    init(store: SQLStore, clock: @escaping @Sendable () -> Date) {
        self.store = store
        self.clock = clock
    }

    func live(_ id: String) -> LiveCampaign? { running[id] }

    /// Starts dialing on simulated telephony (see `LiveCampaign`); starting a running
    /// campaign changes nothing.
    func start(_ campaign: StoredCampaign, agents: [String], seed: UInt64) async throws {
        if let live = running[campaign.id], await !live.finished, await !live.isStopping { return }
        let live = LiveCampaign(store: store, campaign: campaign, agents: agents.map(AgentID.init), origin: clock(),
                                seed: seed, board: board)
        running[campaign.id] = live
        do {
            try await live.start()
        } catch {
            running[campaign.id] = nil
            throw error
        }
        try await store.setCampaignStatus(campaign.id, .running)
    }

    func stop(_ id: String) async throws {
        if let live = running[id] { await live.requestStop() }
        try await store.setCampaignStatus(id, .stopped)
    }
}
