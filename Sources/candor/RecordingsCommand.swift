import ArgumentParser
import CandorCore
import CandorServer
import CandorStore
import Foundation

/// `candor recordings add|purge|hold`: call recordings, encrypted on disk, kept three years.
struct RecordingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recordings",
        abstract: "Call recordings: store (and queue for analysis), purge what retention allows, legal holds.",
        subcommands: [Add.self, Purge.self, Hold.self])

    static func vault(_ config: CandorConfiguration, _ cipher: FieldCipher) -> RecordingVault {
        RecordingVault(directory: config.recordingsURL ?? RecordingVault.defaultDirectory(for: config.database), cipher: cipher)
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func unknownUser(_ name: String) -> CLIError {
        CLIError("--by \(name): no user has that username (give an existing user's username; see `candor users list`)")
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Store a call's WAV for a contact attempt and account, and queue its analysis.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "The WAV (stereo: left = collector, right = consumer).") var file: String
        @Option(help: "The contact attempt the call was.") var attempt: String
        @Option(help: "The account (one the attempt was about).") var account: String
        @Option(help: "Username of the user storing it (the row and the audit trail keep the user's ID); without it, `cli`.")
        var by: String?

        func run() async throws {
            let (database, cipher, config) = try await db.open()
            let store = SQLStore(database: database)
            do {
                // Actor columns hold user IDs; `cli` stays the system actor when nobody is named.
                var actor = "cli"
                if let by {
                    guard let id = try await store.userID(username: by) else { throw RecordingsCommand.unknownUser(by) }
                    actor = id
                }
                let r = try await store.storeRecording(
                    file: URL(fileURLWithPath: file), attemptID: attempt, accountID: Account.ID(account), by: actor,
                    vault: RecordingsCommand.vault(config, cipher!))
                Console.out(try RecordingsCommand.json(r))
            } catch { await database.shutdown(); throw error as? CLIError ?? CLIError("\(error)") }
            await database.shutdown()
        }
    }

    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete recordings past their 3-year retention (12 CFR 1006.100) unless on legal hold; prints what it did.")
        @OptionGroup var db: DatabaseOptions
        @Flag(help: "Only say what would be deleted.") var dryRun = false

        func run() async throws {
            let (database, cipher, config) = try await db.open()
            let report: PurgeReport
            do {
                report = try await SQLStore(database: database).purgeRecordings(vault: RecordingsCommand.vault(config, cipher!), dryRun: dryRun)
            } catch { await database.shutdown(); throw CLIError("\(error)") }
            await database.shutdown()
            Console.out(try RecordingsCommand.json(report))
            Console.err("candor: \(dryRun ? "would delete" : "deleted") \(report.deleted.count) recording(s); \(report.heldBack.count) due but on legal hold; \(report.failed.count) failed")
            if !report.failed.isEmpty { throw ExitCode(1) }
        }
    }

    struct Hold: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set (or with --release, lift) a legal hold; --by must be a compliance or admin user.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "Recording id.") var recording: String
        @Option(help: "Username of the compliance or admin user taking the decision.") var by: String
        @Option(help: "Why (the matter, the request); required to set a hold.") var reason: String?
        @Flag(help: "Lift the hold instead.") var release = false

        func run() async throws {
            let (database, cipher, _) = try await db.open()
            _ = cipher
            let store = SQLStore(database: database)
            do {
                guard let user = try await store.credentials(username: by)?.user, user.role >= .compliance else {
                    throw CLIError("--by must name a compliance or admin user")
                }
                let r = try await store.setLegalHold(recording: recording, hold: !release, reason: reason, by: user.id)
                Console.out(try RecordingsCommand.json(r))
            } catch { await database.shutdown(); throw error as? CLIError ?? CLIError("\(error)") }
            await database.shutdown()
        }
    }
}
