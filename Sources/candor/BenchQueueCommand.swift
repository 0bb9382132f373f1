import ArgumentParser
import CandorCore
import CandorStore
import Foundation

/// `candor bench queue`: a collector's work queue over the accounts `candor bench eligible`
/// seeded (client BENCHE): the priority query plus the compliance check of each candidate,
/// as the queue page does it.
struct BenchQueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Time a collector's work queue over the BENCHE accounts seeded by `candor bench eligible` (release build).")

    @Option(help: "The client whose accounts the collector works.") var client = "BENCHE"
    @Option(help: "Queue length asked for.") var limit = 25
    @Option(help: "Timed rounds.") var rounds = 5
    @Option(help: "UTC hour of today to ask at (17: daytime in every US zone; 7: night everywhere, nothing callable).") var hour = 17
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let (database, _, config) = try await db.open(needsKey: false)
        let store = SQLStore(database: database)
        let midnight = Int64(Date().timeIntervalSince1970) / 86_400 * 86_400
        let now = Date(timeIntervalSince1970: TimeInterval(midnight + Int64(hour) * 3600))
        do {
            guard try await store.client(code: client) != nil else {
                throw CLIError("no client \(client) here: run `candor bench eligible` on this database first (it seeds BENCHE)")
            }
            let user: StoredUser
            if let existing = try await store.credentials(username: "bench-collector")?.user { user = existing } else {
                user = try await store.addUser(username: "bench-collector", displayName: "Bench Collector", passwordHash: "-",
                                               role: .collector, clientCodes: [client])
            }
            let accounts = try await store.countAccounts(clientCode: client)
            print("database: \(config.database) (\(database.kind.rawValue)); \(accounts) accounts")
            for round in 1...rounds {
                let started = ContinuousClock.now
                let queue = try await store.workQueue(for: user, now: now, limit: limit)
                let elapsed = ContinuousClock.now - started
                let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
                print(String(format: "round %d: %.0f ms — %d in the queue, %d passed over (not callable now)",
                             round, ms, queue.items.count, queue.notCallableNow))
            }
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }
}
