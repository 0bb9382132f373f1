import ArgumentParser
import CandorCore
import Foundation

/// `candor compliance ...`: the compliance engine from the command line.
struct ComplianceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compliance",
        abstract: "Ask the compliance engine about proposed contacts.",
        subcommands: [Decide.self])

    /// `candor compliance decide SCENARIOS.json` (../shared/spec/contact-decisions.md).
    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decide every scenario of a JSON array; prints a JSON array of decisions in input order.",
            discussion: """
                A malformed scenario yields {"id": ..., "error": "<field>: <what is wrong>"} in its place; \
                the command then exits 1 after printing everything. Times are printed in UTC.
                """)

        @Argument(help: "A JSON array of scenarios ('-' reads standard input).")
        var scenarios: String

        func run() throws {
            let data: Data
            do {
                data = scenarios == "-"
                    ? FileHandle.standardInput.readDataToEndOfFile()
                    : try Data(contentsOf: URL(fileURLWithPath: scenarios))
            } catch {
                FileHandle.standardError.write(Data("candor compliance decide: cannot read \(scenarios): \(error.localizedDescription)\n".utf8))
                throw ExitCode(2)
            }
            let output: ComplianceJSON.Output
            do {
                output = try ComplianceJSON.decide(json: data)
            } catch {
                FileHandle.standardError.write(Data("candor compliance decide: \(scenarios): \(error)\n".utf8))
                throw ExitCode(2)
            }
            FileHandle.standardOutput.write(output.json)
            // The examples' files end without a newline; a terminal still gets one.
            if isatty(STDOUT_FILENO) != 0 { FileHandle.standardOutput.write(Data("\n".utf8)) }
            if output.hasErrors {
                FileHandle.standardError.write(Data("candor compliance decide: \(output.failed) of \(output.decided + output.failed) scenarios malformed\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
