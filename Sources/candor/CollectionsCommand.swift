import ArgumentParser
import CandorStore
import Foundation

struct CollectionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "collections", abstract: "Collections work: the daily job.",
                                                    subcommands: [Evaluate.self])

    struct Evaluate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-decide every open promise (kept, partially kept, broken) and plan (current, at risk, missed, defaulted, completed) as of today. `candor serve` also runs this every hour; running it twice changes nothing the second time.")
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let (database, _, _) = try await db.open(needsKey: false)
            do {
                let n = try await SQLStore(database: database).evaluatePromisesAndPlans()
                await database.shutdown()
                Console.out("re-decided promises and plans on \(n) account\(n == 1 ? "" : "s")")
            } catch {
                await database.shutdown()
                throw CLIError("\(error)")
            }
        }
    }
}
