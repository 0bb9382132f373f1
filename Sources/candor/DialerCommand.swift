// `candor dialer ...`: thin argument parsing over CandorDialer.

import ArgumentParser
import CandorDialer
import Foundation

struct DialerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dialer",
        abstract: "Dialer pacing tools.",
        subcommands: [Simulate.self]
    )

    /// A bad scenario is the author's input error, not a usage error: print the message
    /// (naming the key) without the usage text, and exit non-zero.
    static func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        return ExitCode(2)
    }

    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare pacers in the discrete-event simulation (shared/spec/dialer-simulation.md).",
            discussion: "Prints one JSON object: the resolved scenario and one summary per pacer."
        )

        @Argument(help: "Scenario JSON file (every key optional); '-' reads standard input.")
        var scenario: String

        @Option(help: "Worker threads (default: all cores).")
        var jobs: Int?

        func run() throws {
            let data: Data
            do {
                data = scenario == "-"
                    ? FileHandle.standardInput.readDataToEndOfFile()
                    : try Data(contentsOf: URL(fileURLWithPath: scenario))
            } catch {
                throw DialerCommand.fail("cannot read scenario file '\(scenario)'")
            }
            let parsed: Scenario
            do { parsed = try Scenario(jsonData: data) } catch {
                throw DialerCommand.fail(error.description)
            }
            let report = Simulation.simulate(
                parsed, parallelism: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
            print(report.json.text)
        }
    }
}
