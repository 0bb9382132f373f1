// The simulation scenario of shared/spec/dialer-simulation.md: every key optional, the
// spec's defaults, and validation that names the offending key — a typo or an impossible
// probability must fail loudly, not quietly simulate something else.

import Foundation

public struct ScenarioError: Error, Hashable, Sendable, CustomStringConvertible {
    public var key: String
    public var message: String
    public init(key: String, _ message: String) { self.key = key; self.message = message }
    public var description: String { "scenario key '\(key)': \(message)" }
}

public enum PacerSpec: Hashable, Sendable, CustomStringConvertible {
    case progressive
    case ratio(Double)
    case candor

    public init(parsing text: String) throws(ScenarioError) {
        switch text {
        case "progressive": self = .progressive
        case "candor": self = .candor
        default:
            if text.hasPrefix("ratio:"), let r = Double(text.dropFirst(6)), r.isFinite, r > 0, r <= 100 {
                self = .ratio(r)
            } else {
                throw ScenarioError(key: "pacers", "unknown pacer '\(text)' (expected progressive, ratio:R with R > 0, or candor)")
            }
        }
    }

    public var description: String { makePacer().name }

    public func makePacer(maxHold: Double = 2) -> any Pacer {
        switch self {
        case .progressive: return ProgressivePacer()
        case .ratio(let r): return RatioPacer(ratio: r)
        case .candor:
            var settings = CandorPacer.Settings()
            settings.maxHold = maxHold
            return CandorPacer(settings: settings)
        }
    }
}

public struct Scenario: Hashable, Sendable {
    public var seed: UInt64 = 1
    public var runs = 20
    public var nAgents = 20
    public var shift = 28_800.0
    public var pHuman = 0.15, pMachine = 0.20, pFastfail = 0.20
    /// `[shift_second, p_human]` steps; before the first step `p_human` applies.
    public var pHumanProfile: [(at: Double, p: Double)]? = nil
    public var ringTimeout = 20.0
    public var postdial = (1.0, 4.0)
    public var humanRingMedian = 8.0, humanRingSigma = 0.5
    public var machineRingMean = 16.0, machineRingSD = 3.0
    public var fastfail = (2.0, 6.0)
    public var amd = true
    public var amdHumanDelay = (1.5, 2.5), amdMachineDelay = (2.5, 4.5)
    public var amdFP = 0.0, amdFN = 0.10
    public var maxHold = 2.0
    public var talkMean = 180.0, talkCV = 0.8
    public var wrapMedian = 25.0, wrapMean = 45.0
    public var machineHandleMean = 12.0, machineWrap = 5.0
    public var abandonCap = 0.03
    public var pacers: [PacerSpec] = [.progressive, .ratio(1.3), .candor]

    public init() {}

    /// p_human in force at `t` seconds into the shift.
    public func pHuman(at t: Double) -> Double {
        guard let profile = pHumanProfile else { return pHuman }
        var p = pHuman
        for step in profile where step.at <= t { p = step.p }
        return p
    }

    public static func == (a: Scenario, b: Scenario) -> Bool { a.json.text == b.json.text }
    public func hash(into h: inout Hasher) { h.combine(json.text) }
}

extension Scenario {
    public init(jsonData: Data) throws(ScenarioError) {
        let root: JSONValue
        do { root = try JSONDecoder().decode(JSONValue.self, from: jsonData) } catch {
            throw ScenarioError(key: "(document)", "not valid JSON")
        }
        try self.init(json: root)
    }

    public init(json root: JSONValue) throws(ScenarioError) {
        guard case .object(let pairs) = root else {
            throw ScenarioError(key: "(document)", "the scenario must be a JSON object, got \(root.typeName)")
        }
        self.init()
        var r = ScenarioReader(pairs)
        try r.apply(to: &self)
        try validate()
    }
}
