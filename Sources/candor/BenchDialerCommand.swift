// `candor bench dialer`: times the performance target's scenario (20 runs, 100 agents,
// the spec's default pacers) in this build. Meaningful in a release build only.

import ArgumentParser
import CandorDialer
import Foundation

struct BenchDialerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dialer",
        abstract: "Time a 20-run, 100-agent dialer simulation (target: under 30 s, release build)."
    )

    @Option(help: "Agents on the floor.") var agents = 100
    @Option(help: "Runs per pacer.") var runs = 20
    @Option(help: "Worker threads (default: all cores).") var jobs: Int?

    func run() throws {
        var scenario = Scenario()
        scenario.nAgents = agents
        scenario.runs = runs
        do { try scenario.validate() } catch { throw DialerCommand.fail(error.description) }
        let clock = ContinuousClock()
        var report: SimulationReport?
        let elapsed = clock.measure {
            report = Simulation.simulate(scenario, parallelism: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        for p in report?.pacers ?? [] {
            print("\(p.pacer): talk_occupancy \(p.talkOccupancy) abandon_rate \(p.abandonRate) runs_over_cap \(p.runsOverCap)")
        }
        print(String(format: "dialer simulation: %d agents x %d runs x %d pacers in %.2f s (target < 30 s)",
                     agents, runs, scenario.pacers.count, seconds))
    }
}
