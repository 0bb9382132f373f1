import ArgumentParser
import CandorCore
import CandorStore
import Foundation

struct ClientsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clients", abstract: "Manage clients (creditors).",
                                                    subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a client.")
        @Argument(help: "Client code, e.g. ACME (A–Z, 0–9, - and _).") var code: String
        @Option(help: "The client's name.") var name: String
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let code: String
            do { code = try Client.normalizedCode(self.code) } catch { throw CLIError(error.description) }
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { throw CLIError("--name must not be empty") }
            let (database, _, _) = try await db.open(needsKey: false)
            do {
                let client = try await SQLStore(database: database).addClient(code: code, name: trimmed)
                Console.out(#"{"id": "\#(client.id)", "code": "\#(client.code)", "name": \#(jsonString(client.name))}"#)
            } catch { await database.shutdown(); throw CLIError("\(error)") }
            await database.shutdown()
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List clients.")
        @OptionGroup var db: DatabaseOptions
        func run() async throws {
            let (database, _, _) = try await db.open(needsKey: false)
            let clients = try await SQLStore(database: database).clients()
            for c in clients { Console.out("\(c.code)\t\(c.name)") }
            await database.shutdown()
        }
    }
}

func jsonString(_ s: String) -> String {
    let data = try! JSONEncoder().encode(s)
    return String(decoding: data, as: UTF8.self)
}
