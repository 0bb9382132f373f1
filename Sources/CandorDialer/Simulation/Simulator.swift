// Runs every pacer of a scenario over its runs (in parallel: runs are independent) and
// summarises them in the spec's output fields.

import Foundation

public struct PacerSummary: Hashable, Sendable {
    public var pacer: String
    public var runs: Int
    public var talkOccupancy: Double
    public var busyOccupancy: Double
    public var abandonRate: Double
    public var abandonRateMax: Double
    public var runsOverCap: Int
    public var connectsPerAgentHour: Double
    public var dialsPerConnect: Double
    public var meanIdleGap: Double
    public var peakLines: Int

    init(pacer: String, results: [RunResult], scenario: Scenario) {
        let n = Double(results.count)
        self.pacer = pacer
        runs = results.count
        talkOccupancy = results.map(\.talkOccupancy).reduce(0, +) / n
        busyOccupancy = results.map(\.busyOccupancy).reduce(0, +) / n
        abandonRate = results.map(\.abandonRate).reduce(0, +) / n
        abandonRateMax = results.map(\.abandonRate).max() ?? 0
        runsOverCap = results.filter { $0.abandonRate > scenario.abandonCap }.count
        let connects = Double(results.map(\.connects).reduce(0, +))
        connectsPerAgentHour = connects / (n * Double(scenario.nAgents) * scenario.shift / 3600)
        dialsPerConnect = connects == 0 ? 0 : Double(results.map(\.dials).reduce(0, +)) / connects
        meanIdleGap = connects == 0 ? 0 : results.map(\.idleSeconds).reduce(0, +) / connects
        peakLines = results.map(\.peakLines).max() ?? 0
    }

    public var json: JSONValue {
        func r(_ x: Double, _ places: Double) -> JSONValue {
            let scale = pow(10, places)
            return .number((x * scale).rounded() / scale)
        }
        return .object([
            ("pacer", .string(pacer)), ("runs", .number(Double(runs))),
            ("talk_occupancy", r(talkOccupancy, 4)), ("busy_occupancy", r(busyOccupancy, 4)),
            ("abandon_rate", r(abandonRate, 5)), ("abandon_rate_max", r(abandonRateMax, 5)),
            ("runs_over_cap", .number(Double(runsOverCap))),
            ("connects_per_agent_hour", r(connectsPerAgentHour, 2)),
            ("dials_per_connect", r(dialsPerConnect, 2)),
            ("mean_idle_gap_s", r(meanIdleGap, 1)), ("peak_lines", .number(Double(peakLines))),
        ])
    }
}

public struct SimulationReport: Hashable, Sendable {
    public var scenario: Scenario
    public var pacers: [PacerSummary]
    public var json: JSONValue { .object([("scenario", scenario.json), ("pacers", .array(pacers.map(\.json)))]) }
}

extension Simulation {
    /// Every (pacer, run) pair; `parallelism` 1 runs them in order on the caller's thread.
    public static func simulate(_ scenario: Scenario, parallelism: Int = ProcessInfo.processInfo.activeProcessorCount) -> SimulationReport {
        let jobs = scenario.pacers.indices.flatMap { p in (0..<scenario.runs).map { (p, $0) } }
        let slots = ResultSlots(count: jobs.count)
        let work: @Sendable (Int) -> Void = { j in
            let (p, run) = jobs[j]
            slots.set(j, Simulation.run(scenario, pacer: scenario.pacers[p].makePacer(maxHold: scenario.maxHold), run: run))
        }
        if parallelism <= 1 {
            for j in jobs.indices { work(j) }
        } else {
            DispatchQueue.concurrentPerform(iterations: jobs.count, execute: work)
        }
        let results = slots.values
        let summaries = scenario.pacers.indices.map { p in
            PacerSummary(pacer: scenario.pacers[p].description,
                         results: jobs.indices.filter { jobs[$0].0 == p }.map { results[$0]! },
                         scenario: scenario)
        }
        return SimulationReport(scenario: scenario, pacers: summaries)
    }
}

/// Results written from concurrent runs; each slot is written once, under the lock.
final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [RunResult?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: RunResult) { lock.lock(); storage[i] = r; lock.unlock() }
    var values: [RunResult?] { lock.lock(); defer { lock.unlock() }; return storage }
}
