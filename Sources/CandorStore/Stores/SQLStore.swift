import CandorCore
import Foundation
import SQLKit

/// The SQL implementation of the stores, on SQLite or PostgreSQL.
public struct SQLStore: ClientStore, AccountStore {
    public let database: CandorDatabase
    public let clock: @Sendable () -> Date

    public init(database: CandorDatabase, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.clock = clock
    }

    var sql: any SQLDatabase { database.sql }

    static func newID() -> String { TimeOrderedID.make() }

    // MARK: Clients

    public func addClient(code: String, name: String) async throws -> Client {
        let client = Client(id: Client.ID(Self.newID()), code: code, name: name)
        do {
            try await sql.insert(into: "clients").columns("id", "code", "name", "created_at")
                .values(client.id.rawValue, client.code, client.name, Timestamp.format(clock())).run()
        } catch where SQLStore.isUniqueViolation(error) {
            throw StoreError.clientExists(code)
        }
        return client
    }

    public func clients() async throws -> [Client] {
        try await sql.raw("SELECT id, code, name FROM clients ORDER BY code").all().map(Self.client(from:))
    }

    public func client(code: String) async throws -> Client? {
        try await sql.raw("SELECT id, code, name FROM clients WHERE code = \(bind: code)").first().map(Self.client(from:))
    }

    static func client(from row: any SQLRow) throws -> Client {
        Client(id: Client.ID(try row.decode(column: "id", as: String.self)),
               code: try row.decode(column: "code", as: String.self),
               name: try row.decode(column: "name", as: String.self))
    }

    static func isUniqueViolation(_ error: any Error) -> Bool {
        let text = String(reflecting: error)
        return text.contains("UNIQUE constraint failed") || text.contains("23505")
            || text.contains("duplicate key value")
    }
}
