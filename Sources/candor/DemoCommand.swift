import ArgumentParser
import CandorCore
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Demo data.", subcommands: [Placements.self])

    struct Placements: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a realistic, valid placement CSV to standard output or a file.")
        @Option(help: "Number of rows.") var rows = 1000
        @Option(help: "Random seed: the same seed gives the same file.") var seed: UInt64 = 1
        @Option(name: .shortAndLong, help: "Output file (default: standard output).") var output: String?

        func validate() throws {
            guard rows >= 0 else { throw ValidationError("--rows must not be negative") }
        }

        func run() throws {
            let today = LocalDate(utcSecondsSinceEpoch: Int64(Date().timeIntervalSince1970))
            let generator = DemoPlacementGenerator(seed: seed, today: today)
            let handle: FileHandle
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: nil), let h = FileHandle(forWritingAtPath: output) else {
                    throw CLIError("cannot write \(output)")
                }
                handle = h
            } else {
                handle = .standardOutput
            }
            var buffer = generator.header + "\n"
            buffer.reserveCapacity(1 << 20)
            for i in 0..<rows {
                buffer += generator.row(i)
                buffer += "\n"
                if buffer.utf8.count >= 1 << 20 {
                    handle.write(Data(buffer.utf8))
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            handle.write(Data(buffer.utf8))
            if output != nil { try handle.close() }
        }
    }
}
