import ArgumentParser
import CandorCore
import CandorServer
import CandorStore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `candor users add|list`: staff accounts. The first admin is created here, since no one
/// can sign in to create them. There is never a default password.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "users", abstract: "Manage staff who sign in.",
                                                    subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user. The password is read from standard input (one line), or prompted for twice on a terminal.")
        @Argument(help: "Username (a–z, 0–9, '.', '_', '-', '@').") var username: String
        @Option(help: "admin, supervisor, compliance or collector.") var role: String
        @Option(help: "Client codes the user works for, comma-separated (not needed for admins, who see every client).")
        var clients: String?
        @Option(help: "The name shown in the application (default: the username).") var name: String?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            guard let role = StaffRole(rawValue: role.lowercased()) else {
                throw CLIError("--role must be one of \(StaffRole.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let codes = (clients ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
            if role != .admin && codes.isEmpty { throw CLIError(UserError.noClients.description) }
            let password = try Self.readPassword()
            do { try PasswordHasher.check(password) } catch { throw CLIError(error.description) }
            let (database, _, _) = try await db.open(needsKey: false)
            do {
                let user = try await SQLStore(database: database).addUser(
                    username: username, displayName: name?.trimmingCharacters(in: .whitespaces).nilIfEmpty ?? username,
                    passwordHash: PasswordHasher().hash(password), role: role, clientCodes: codes)
                Console.out(#"{"id": "\#(user.id)", "username": \#(jsonString(user.username)), "role": "\#(user.role.rawValue)", "clients": \#(jsonString(user.clientCodes.joined(separator: ",")))}"#)
            } catch { await database.shutdown(); throw CLIError("\(error)") }
            await database.shutdown()
        }

        /// A terminal gets a prompt without echo, twice; a pipe gives one line.
        static func readPassword() throws -> String {
            if isatty(STDIN_FILENO) != 0 {
                guard let first = getpass("Password (at least \(SignInPolicy.minimumPasswordLength) characters): ").map({ String(cString: $0) }),
                      let second = getpass("Again: ").map({ String(cString: $0) }) else { throw CLIError("no password given") }
                guard first == second else { throw CLIError("the two passwords differ") }
                return first
            }
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw CLIError("no password on standard input (e.g. `printf '%s\\n' \"$PASSWORD\" | candor users add ...`)")
            }
            return line
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users: username, role, clients, and whether locked.")
        @OptionGroup var db: DatabaseOptions
        func run() async throws {
            let (database, _, _) = try await db.open(needsKey: false)
            let users = try await SQLStore(database: database).users()
            let now = Date()
            for u in users {
                let clients = u.role == .admin ? "*" : u.clientCodes.joined(separator: ",")
                let locked = u.lockedUntil.map { $0 > now ? "locked until \(Timestamp.format($0))" : "" } ?? ""
                Console.out([u.username, u.role.rawValue, clients, u.displayName, locked].joined(separator: "\t"))
            }
            await database.shutdown()
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
