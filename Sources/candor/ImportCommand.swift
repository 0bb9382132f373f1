import ArgumentParser
import CandorCore
import CandorStore
import Foundation

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import client files.",
                                                    subcommands: [Placements.self])

    struct Placements: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a placement CSV file for a client; prints the summary JSON.",
            discussion: "Exit 0 when the file was processed (even with rejected rows); 1 when the file is unusable or the client unknown, and then nothing is imported. Re-running the same file completes an interrupted import without duplicating anything.")

        @Argument(help: "The placement CSV file.") var file: String
        @Option(help: "The client code.") var client: String
        @Option(help: "Rows per transaction.") var batchSize = 2000
        @OptionGroup var db: DatabaseOptions

        func validate() throws {
            guard (1...5000).contains(batchSize) else { throw ValidationError("--batch-size must be from 1 to 5000") }
        }

        func run() async throws {
            guard FileManager.default.isReadableFile(atPath: file) else { throw CLIError("cannot read \(file): no such file or not readable") }
            let code: String
            do { code = try Client.normalizedCode(client) } catch { throw CLIError(error.description) }
            let (database, cipher, _) = try await db.open()
            let store = SQLStore(database: database)
            let started = Date()
            let importer = PlacementImporter(store: store, cipher: cipher!, batchSize: batchSize) { rows in
                let rate = Double(rows) / max(Date().timeIntervalSince(started), 0.001)
                Console.err("candor: \(rows) rows read (\(Int(rate)) rows/s)")
            }
            do {
                let summary = try await importer.importFile(path: file, clientCode: code)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                Console.out(String(decoding: try encoder.encode(summary), as: UTF8.self))
            } catch {
                await database.shutdown()
                throw CLIError("\(file): \(error)")
            }
            await database.shutdown()
        }
    }
}
