// The staged path for hosts whose compliance check is asynchronous (a database read at
// the moment of dialing). `pace()` leaves `launchesWanted`; the host then, before any other
// floor event, takes numbers from its list, asks its gate about each one, and launches or
// logs a refusal here. The floor is single-threaded, so nothing changes between the
// pacer's decision and these launches except the clock.

extension DialingFloor {
    /// Place a call the host's gate has just allowed.
    public func launchChecked(_ target: ContactTarget) {
        launch(target, at: clock.now)
        launchesWanted = max(0, launchesWanted - 1)
        peakLines = max(peakLines, linesInUse)
    }

    /// Log a number the host's gate refused at the moment of dialing (never placed).
    public func recordRefusal(_ target: ContactTarget) {
        let now = clock.now
        host.record(AttemptRecord(campaignID: campaign.id, target: target, callID: nil,
                                  placedAt: now, endedAt: now, outcome: .refused))
    }

    /// Agents by state, for the supervisor feed.
    public var agentsByState: [String: Int] {
        var out: [String: Int] = [:]
        for slot in agents { out[slot.status.state.name, default: 0] += 1 }
        return out
    }
}

extension AgentState {
    /// The wire name of the state (`on_call`, `paused`, ...).
    public var name: String {
        switch self {
        case .loggedIn: "logged_in"
        case .ready: "ready"
        case .onCall: "on_call"
        case .wrapUp: "wrap_up"
        case .paused: "paused"
        }
    }
}
