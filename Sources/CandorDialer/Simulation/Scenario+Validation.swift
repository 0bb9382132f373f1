// Range checks. Each names the key, so `candor dialer simulate` can tell the author
// exactly what to fix.

extension Scenario {
    public func validate() throws(ScenarioError) {
        func check(_ ok: Bool, _ key: String, _ message: String) throws(ScenarioError) {
            if !ok { throw ScenarioError(key: key, message) }
        }
        func probability(_ p: Double, _ key: String) throws(ScenarioError) {
            try check(p >= 0 && p <= 1, key, "must be a probability in [0, 1], got \(p)")
        }
        func positive(_ x: Double, _ key: String) throws(ScenarioError) {
            try check(x > 0 && x.isFinite, key, "must be greater than 0, got \(x)")
        }
        func nonNegative(_ x: Double, _ key: String) throws(ScenarioError) {
            try check(x >= 0 && x.isFinite, key, "must not be negative, got \(x)")
        }
        func range(_ r: (Double, Double), _ key: String) throws(ScenarioError) {
            try check(r.0 >= 0 && r.0 <= r.1 && r.1.isFinite, key,
                      "must be [low, high] with 0 <= low <= high, got [\(r.0), \(r.1)]")
        }

        try check(runs >= 1 && runs <= 10_000, "runs", "must be between 1 and 10000, got \(runs)")
        try check(nAgents >= 1 && nAgents <= 10_000, "n_agents", "must be between 1 and 10000, got \(nAgents)")
        try check(shift > 0 && shift <= 86_400, "shift_s", "must be in (0, 86400] seconds, got \(shift)")
        try probability(pHuman, "p_human")
        try probability(pMachine, "p_machine")
        try probability(pFastfail, "p_fastfail")
        try check(pHuman + pMachine + pFastfail <= 1 + 1e-12, "p_human",
                  "p_human + p_machine + p_fastfail must not exceed 1, got \(pHuman + pMachine + pFastfail)")
        if let profile = pHumanProfile {
            var last = -Double.infinity
            for (i, step) in profile.enumerated() {
                let key = "p_human_profile[\(i)]"
                try check(step.at >= 0 && step.at >= last, key,
                          "shift seconds must be non-negative and ascending, got \(step.at)")
                try probability(step.p, key)
                try check(step.p + pMachine + pFastfail <= 1 + 1e-12, key,
                          "p_human + p_machine + p_fastfail must not exceed 1, got \(step.p + pMachine + pFastfail)")
                last = step.at
            }
        }
        try positive(ringTimeout, "ring_timeout")
        try range(postdial, "postdial")
        try positive(humanRingMedian, "human_ring_median")
        try nonNegative(humanRingSigma, "human_ring_sigma")
        try positive(machineRingMean, "machine_ring_mean")
        try nonNegative(machineRingSD, "machine_ring_sd")
        try range(fastfail, "fastfail")
        try range(amdHumanDelay, "amd_human_delay")
        try range(amdMachineDelay, "amd_machine_delay")
        try probability(amdFP, "amd_fp")
        try probability(amdFN, "amd_fn")
        try nonNegative(maxHold, "max_hold")
        try positive(talkMean, "talk_mean")
        try nonNegative(talkCV, "talk_cv")
        try positive(wrapMedian, "wrap_median")
        try check(wrapMean >= wrapMedian && wrapMean.isFinite, "wrap_mean",
                  "a lognormal's mean cannot be below its median (wrap_median \(wrapMedian)), got \(wrapMean)")
        try nonNegative(machineHandleMean, "machine_handle_mean")
        try nonNegative(machineWrap, "machine_wrap")
        try check(abandonCap > 0 && abandonCap <= 1, "abandon_cap", "must be in (0, 1], got \(abandonCap)")
        try check(!pacers.isEmpty, "pacers", "must name at least one pacer")
    }

    /// The resolved parameters, in the spec's key order, for the report.
    public var json: JSONValue {
        func n(_ x: Double) -> JSONValue { .number(x) }
        func pair(_ r: (Double, Double)) -> JSONValue { .array([n(r.0), n(r.1)]) }
        let profile: JSONValue = pHumanProfile.map { .array($0.map { .array([n($0.at), n($0.p)]) }) } ?? .null
        return .object([
            ("seed", .number(Double(Int64(bitPattern: seed)))), ("runs", n(Double(runs))),
            ("n_agents", n(Double(nAgents))), ("shift_s", n(shift)),
            ("p_human", n(pHuman)), ("p_machine", n(pMachine)), ("p_fastfail", n(pFastfail)),
            ("p_human_profile", profile),
            ("ring_timeout", n(ringTimeout)), ("postdial", pair(postdial)),
            ("human_ring_median", n(humanRingMedian)), ("human_ring_sigma", n(humanRingSigma)),
            ("machine_ring_mean", n(machineRingMean)), ("machine_ring_sd", n(machineRingSD)),
            ("fastfail", pair(fastfail)),
            ("amd", .bool(amd)), ("amd_human_delay", pair(amdHumanDelay)),
            ("amd_machine_delay", pair(amdMachineDelay)), ("amd_fp", n(amdFP)), ("amd_fn", n(amdFN)),
            ("max_hold", n(maxHold)),
            ("talk_mean", n(talkMean)), ("talk_cv", n(talkCV)),
            ("wrap_median", n(wrapMedian)), ("wrap_mean", n(wrapMean)),
            ("machine_handle_mean", n(machineHandleMean)), ("machine_wrap", n(machineWrap)),
            ("abandon_cap", n(abandonCap)),
            ("pacers", .array(pacers.map { .string($0.description) })),
        ])
    }
}
