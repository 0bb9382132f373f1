// Network events and agent actions.

extension DialingFloor {
    public func handle(_ event: TelephonyEvent) {
        let now = clock.now
        let id = event.callID
        if case .hungUp = event {
            hangUp(id, at: now)
            pace()
            return
        }
        guard var call = takeFromFlight(id) else { return }   // late or duplicate event
        switch event {
        case .answeredHuman:
            pacer.observe(.callResolved(placedAt: call.placedAt, endedAt: now, live: true))
            ledger.today.liveAnswers += 1
            call.answeredAt = now
            if !ready.isEmpty {
                connect(id, call, agent: ready.removeFirst(), at: now)
            } else {
                call.deadline = now + maxHold
                holding.append((id, call))
                host.requestWake(at: call.deadline)
            }
        case .answeredMachine:
            finish(id, call, .machine, at: now)
            telephony.hangUp(id)
        case .failed(_, let reason):
            finish(id, call, reason == .busy ? .busy : .notConnected, at: now)
        case .noAnswer:
            finish(id, call, .noAnswer, at: now)
        case .hungUp:
            break
        }
        pace()
    }

    func takeFromFlight(_ id: CallID) -> LiveCall? {
        guard let call = inFlight.removeValue(forKey: id) else { return nil }
        // Swap-remove keeps `placedAt` dense for the pacer.
        let last = placedAt.count - 1
        if call.slot != last {
            placedAt[call.slot] = placedAt[last]
            placedIDs[call.slot] = placedIDs[last]
            inFlight[placedIDs[call.slot]]?.slot = call.slot
        }
        placedAt.removeLast()
        placedIDs.removeLast()
        return call
    }

    func finish(_ id: CallID, _ call: LiveCall, _ outcome: AttemptOutcome, at now: Double) {
        pacer.observe(.callResolved(placedAt: call.placedAt, endedAt: now, live: false))
        host.record(AttemptRecord(campaignID: campaign.id, target: call.target, callID: id,
                                  placedAt: call.placedAt, endedAt: now, outcome: outcome))
    }

    func connect(_ id: CallID, _ call: LiveCall, agent i: Int, at now: Double) {
        agents[i].call = id
        agents[i].connectedAt = now
        agents[i].status.state = .onCall(callID: id)
        agents[i].status.since = now
        agents[i].status.currentTarget = call.target
        observations[i] = AgentObservation(phase: .talking, since: now)
        withAgent[id] = (i, call)
        telephony.connect(id, to: agents[i].status.id)
        host.connected(id, to: agents[i].status.id, target: call.target)
    }

    func hangUp(_ id: CallID, at now: Double) {
        if let (i, call) = withAgent.removeValue(forKey: id) {
            agents[i].call = nil
            agents[i].hungUpAt = now
            agents[i].status.state = .wrapUp
            agents[i].status.since = now
            observations[i] = AgentObservation(phase: .wrapping, since: now)
            var record = AttemptRecord(campaignID: campaign.id, target: call.target, callID: id,
                                       placedAt: call.placedAt, endedAt: now, outcome: .conversation)
            record.agentID = agents[i].status.id
            host.record(record)
        } else if let k = holding.firstIndex(where: { $0.0 == id }) {
            // The person gave up before an agent came: still an abandoned call.
            let (_, call) = holding.remove(at: k)
            abandon(id, call, at: now)
        }
    }

    // MARK: Agent actions (the agent desktop)

    public func agentReady(_ agent: AgentID) {
        guard let i = agentIndex[agent], agents[i].call == nil, observations[i].phase != .ready
        else { return }
        if case .wrapUp = agents[i].status.state {
            pacer.observe(.handled(talk: agents[i].hungUpAt - agents[i].connectedAt,
                                   wrap: clock.now - agents[i].hungUpAt))
        }
        makeReady(i)
        pace()
    }

    /// The agent finished after-call work (same as `agentReady`, named for the desktop).
    public func finishWrapUp(_ agent: AgentID) { agentReady(agent) }

    public func pause(_ agent: AgentID, reason: PauseReason) {
        guard let i = agentIndex[agent], agents[i].call == nil else { return }
        ready.removeAll { $0 == i }
        setState(i, .paused(reason), phase: .unavailable)
    }

    /// Preview mode: the agent asks for the next call.
    public func requestPreviewCall(_ agent: AgentID) {
        guard let i = agentIndex[agent] else { return }
        agents[i].wantsPreview = true
        pace()
    }

    func makeReady(_ i: Int) {
        let now = clock.now
        if !holding.isEmpty {
            let (id, call) = holding.removeFirst()
            connect(id, call, agent: i, at: now)
            return
        }
        setState(i, .ready, phase: .ready)
        ready.append(i)
    }

    func setState(_ i: Int, _ state: AgentState, phase: AgentPhase) {
        agents[i].status.state = state
        agents[i].status.since = clock.now
        agents[i].status.currentTarget = nil
        observations[i] = AgentObservation(phase: phase, since: clock.now)
    }
}
