// Reads scenario keys with type checks; range checks live in `Scenario.validate()`.

struct ScenarioReader {
    var values: [String: JSONValue] = [:]

    init(_ pairs: [(String, JSONValue)]) {
        for (k, v) in pairs { values[k] = v }
    }

    static let knownKeys: Set<String> = [
        "seed", "runs", "n_agents", "shift_s", "p_human", "p_machine", "p_fastfail",
        "p_human_profile", "ring_timeout", "postdial", "human_ring_median", "human_ring_sigma",
        "machine_ring_mean", "machine_ring_sd", "fastfail", "amd", "amd_human_delay",
        "amd_machine_delay", "amd_fp", "amd_fn", "max_hold", "talk_mean", "talk_cv",
        "wrap_median", "wrap_mean", "machine_handle_mean", "machine_wrap", "abandon_cap", "pacers",
    ]

    mutating func apply(to s: inout Scenario) throws(ScenarioError) {
        // An unknown key is almost always a typo ("p_humans"); ignoring it would simulate
        // the default instead of what the author meant.
        if let unknown = values.keys.filter({ !Self.knownKeys.contains($0) }).sorted().first {
            throw ScenarioError(key: unknown, "unknown key")
        }
        if let v = try int("seed") { s.seed = UInt64(bitPattern: Int64(v)) }
        if let v = try int("runs") { s.runs = v }
        if let v = try int("n_agents") { s.nAgents = v }
        try number("shift_s", &s.shift)
        try number("p_human", &s.pHuman)
        try number("p_machine", &s.pMachine)
        try number("p_fastfail", &s.pFastfail)
        s.pHumanProfile = try profile("p_human_profile")
        try number("ring_timeout", &s.ringTimeout)
        try range("postdial", &s.postdial)
        try number("human_ring_median", &s.humanRingMedian)
        try number("human_ring_sigma", &s.humanRingSigma)
        try number("machine_ring_mean", &s.machineRingMean)
        try number("machine_ring_sd", &s.machineRingSD)
        try range("fastfail", &s.fastfail)
        if let v = values["amd"] {
            guard case .bool(let b) = v else { throw typeError("amd", "a boolean", v) }
            s.amd = b
        }
        try range("amd_human_delay", &s.amdHumanDelay)
        try range("amd_machine_delay", &s.amdMachineDelay)
        try number("amd_fp", &s.amdFP)
        try number("amd_fn", &s.amdFN)
        try number("max_hold", &s.maxHold)
        try number("talk_mean", &s.talkMean)
        try number("talk_cv", &s.talkCV)
        try number("wrap_median", &s.wrapMedian)
        try number("wrap_mean", &s.wrapMean)
        try number("machine_handle_mean", &s.machineHandleMean)
        try number("machine_wrap", &s.machineWrap)
        try number("abandon_cap", &s.abandonCap)
        if let v = values["pacers"] {
            guard case .array(let items) = v else { throw typeError("pacers", "an array of strings", v) }
            s.pacers = try items.enumerated().map { (i, item) throws(ScenarioError) in
                guard case .string(let text) = item else { throw typeError("pacers[\(i)]", "a string", item) }
                return try PacerSpec(parsing: text)
            }
        }
    }

    func typeError(_ key: String, _ expected: String, _ got: JSONValue) -> ScenarioError {
        ScenarioError(key: key, "must be \(expected), got \(got.typeName) \(got.text)")
    }

    func number(_ key: String, _ target: inout Double) throws(ScenarioError) {
        guard let v = values[key] else { return }
        guard case .number(let n) = v else { throw typeError(key, "a number", v) }
        target = n
    }

    func int(_ key: String) throws(ScenarioError) -> Int? {
        guard let v = values[key] else { return nil }
        guard case .number(let n) = v, n == n.rounded(), abs(n) < 9e15 else {
            throw typeError(key, "an integer", v)
        }
        return Int(n)
    }

    func range(_ key: String, _ target: inout (Double, Double)) throws(ScenarioError) {
        guard let v = values[key] else { return }
        guard case .array(let a) = v, a.count == 2, case .number(let lo) = a[0], case .number(let hi) = a[1] else {
            throw typeError(key, "a pair [low, high] of numbers", v)
        }
        target = (lo, hi)
    }

    func profile(_ key: String) throws(ScenarioError) -> [(at: Double, p: Double)]? {
        guard let v = values[key], v != .null else { return nil }
        guard case .array(let steps) = v, !steps.isEmpty else {
            throw typeError(key, "null or a non-empty array of [shift_second, p_human] pairs", v)
        }
        return try steps.enumerated().map { (i, step) throws(ScenarioError) in
            guard case .array(let pair) = step, pair.count == 2,
                  case .number(let t) = pair[0], case .number(let p) = pair[1] else {
                throw typeError("\(key)[\(i)]", "a pair [shift_second, p_human]", step)
            }
            return (t, p)
        }
    }
}
