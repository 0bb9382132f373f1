import ArgumentParser
import CandorServer
import CandorSpeech
import CandorStore
import Foundation

extension SpeechCommand {
    /// `candor speech work [--once]`: the analysis queue's worker outside `candor serve`.
    struct Work: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Analyse queued recordings: store findings, open account events for review. One JSON line per job.")

        @OptionGroup var db: DatabaseOptions
        @OptionGroup var engine: SpeechEngineOptions

        @Flag(help: "Process the jobs due now, then exit (default: keep polling).")
        var once = false

        @Option(help: "Seconds between polls of an empty queue.")
        var poll = 5

        func run() async throws {
            let (database, cipher, config) = try await db.open()
            let store = SQLStore(database: database)
            let vault = RecordingVault(directory: config.recordingsURL ?? RecordingVault.defaultDirectory(for: config.database), cipher: cipher!)
            let analyzer: SpeechAnalyzer
            do { analyzer = try engine.analyzer() } catch {
                await database.shutdown()
                throw CLIError("speech engine: \(error)")
            }
            let worker = SpeechWorker(store: store, vault: vault, cipher: cipher!, analyzer: analyzer)
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var failed = false
            do {
                while true {
                    if let result = try await worker.runOnce() {
                        failed = failed || result.status == "failed"
                        Console.out(String(decoding: try encoder.encode(result), as: UTF8.self))
                        continue
                    }
                    if once { break }
                    try await Task.sleep(for: .seconds(max(1, poll)))
                }
            } catch {
                await analyzer.shutdown()
                await database.shutdown()
                throw CLIError("\(error)")
            }
            await analyzer.shutdown()
            await database.shutdown()
            if failed { throw ExitCode(3) }
        }
    }
}

extension SpeechCommand {
    /// `candor speech requeue RECORDING...`: analyse again (a failed job once its cause is fixed,
    /// or after a phrase-table change). Events already opened are not opened twice.
    struct Requeue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queue recordings for analysis again (failed jobs, a new phrase table).")

        @OptionGroup var db: DatabaseOptions
        @Argument(help: "Recording ids.") var recordings: [String]

        func run() async throws {
            let (database, _, _) = try await db.open(needsKey: false)
            let store = SQLStore(database: database)
            do {
                for id in recordings {
                    guard let job = try await store.speechJob(recording: id) else { throw CLIError("no recording \(id)") }
                    if try await store.recording(id: id)?.deletedAt != nil { throw CLIError(RecordingError.deleted(id).description) }
                    if job.status == .running { Console.out("\(id) is being analysed now: not queued again"); continue }
                    try await store.requeueSpeechJob(recording: id)
                    Console.out("queued \(id)")
                }
            } catch {
                await database.shutdown()
                throw error as? CLIError ?? CLIError("\(error)")
            }
            await database.shutdown()
        }
    }
}
