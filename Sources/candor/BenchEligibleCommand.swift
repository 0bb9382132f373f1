import ArgumentParser
import CandorCore
import CandorServer
import CandorStore
import Foundation

/// `candor bench eligible`: the eligible-now list for a million accounts with five million
/// history rows, end to end from the database. Seeds the database once (placement import of
/// demo accounts, then history generated inside the database), then times the list.
struct BenchEligibleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eligible",
        abstract: "Time the eligible-now list over stored accounts and history (release build).")

    @Option(help: "Accounts to seed.") var accounts = 1_000_000
    @Option(help: "History rows to seed (spread over the last 60 days).") var history = 5_000_000
    @Option(help: "Timed rounds.") var rounds = 3
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let (database, cipher, config) = try await db.open()
        let store = SQLStore(database: database)
        // 17:00 UTC today: daytime in every US zone, so the list is not empty for the hour.
        let midnight = Int64(Date().timeIntervalSince1970) / 86_400 * 86_400
        let now = Date(timeIntervalSince1970: TimeInterval(midnight + 17 * 3600))
        do {
            let seeded = try await seed(store: store, cipher: cipher!, now: now)
            print("database: \(config.database) (\(database.kind.rawValue)); \(seeded.accounts) accounts, \(seeded.history) history rows")
            for round in 1...rounds {
                let started = ContinuousClock.now
                let result = try await store.eligibleNow(EligibleNowRequest(clientCode: "BENCHE", now: now, dialing: .predictive))
                let elapsed = ContinuousClock.now - started
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                print(String(format: "round %d: %.2f s — %d accounts, %d numbers decided, %d eligible now",
                             round, seconds, result.accountsConsidered, result.numbersConsidered, result.eligible.count))
            }
        } catch {
            await database.shutdown()
            throw CLIError("\(error)")
        }
        await database.shutdown()
    }

    func seed(store: SQLStore, cipher: FieldCipher, now: Date) async throws -> (accounts: Int, history: Int) {
        if try await store.client(code: "BENCHE") == nil {
            _ = try await store.addClient(code: "BENCHE", name: "Eligible-now benchmark")
        }
        if try await store.countAccounts(clientCode: "BENCHE") < accounts {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("candor-bench-eligible-\(UUID()).csv")
            defer { try? FileManager.default.removeItem(at: file) }
            FileManager.default.createFile(atPath: file.path, contents: nil)
            let handle = try FileHandle(forWritingTo: file)
            let generator = DemoPlacementGenerator(seed: 99, today: LocalDate(utcSecondsSinceEpoch: Int64(now.timeIntervalSince1970)))
            var buffer = generator.header + "\n"
            for i in 0..<accounts {
                buffer += generator.row(i) + "\n"
                if buffer.utf8.count > 1 << 20 { handle.write(Data(buffer.utf8)); buffer = "" }
            }
            handle.write(Data(buffer.utf8))
            try handle.close()
            let started = Date()
            let summary = try await PlacementImporter(store: store, cipher: cipher).importFile(path: file.path, clientCode: "BENCHE")
            print(String(format: "seeded %d accounts by placement import in %.1f s", summary.accepted, Date().timeIntervalSince(started)))
        }
        let existing = try await store.countContactHistory()
        // Seeded once, in one transaction: a database with any history is taken as it is.
        if existing == 0 {
            let perAccount = max(1, (history + accounts - 1) / accounts)
            let started = Date()
            try await store.seedBenchmarkHistory(perAccount: perAccount, limit: history, now: now)
            print(String(format: "seeded history in %.1f s", Date().timeIntervalSince(started)))
        }
        return (try await store.countAccounts(clientCode: "BENCHE"), try await store.countContactHistory())
    }
}
