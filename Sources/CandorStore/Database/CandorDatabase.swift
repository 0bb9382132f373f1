@preconcurrency import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

public enum DatabaseError: Error, Sendable, CustomStringConvertible {
    case cannotConnect(String, underlying: String)
    case schemaTooNew(found: Int, known: Int)

    public var description: String {
        switch self {
        case .cannotConnect(let location, let underlying):
            return "cannot connect to the database \(location): \(underlying)"
        case .schemaTooNew(let found, let known):
            return "the database schema is at version \(found) but this candor knows only up to \(known): upgrade candor"
        }
    }
}

/// A pooled connection to SQLite or PostgreSQL, with transactions.
///
/// SQLite runs on one connection: SQLite has a single writer, and one connection keeps
/// every transaction isolated from other requests without busy-retry loops. PostgreSQL
/// runs a pool per event loop.
public final class CandorDatabase: @unchecked Sendable {
    // The pools are internally locked and never reassigned: safe to share across tasks.
    public enum Kind: String, Sendable { case sqlite, postgres }

    public let kind: Kind
    public let location: DatabaseLocation
    let logger: Logger
    private let sqlitePool: EventLoopGroupConnectionPool<SQLiteConnectionSource>?
    private let postgresPool: EventLoopGroupConnectionPool<PostgresConnectionSource>?
    private let ownedGroup: MultiThreadedEventLoopGroup?

    private init(kind: Kind, location: DatabaseLocation, logger: Logger,
                 sqlitePool: EventLoopGroupConnectionPool<SQLiteConnectionSource>?,
                 postgresPool: EventLoopGroupConnectionPool<PostgresConnectionSource>?,
                 ownedGroup: MultiThreadedEventLoopGroup?) {
        self.kind = kind; self.location = location; self.logger = logger
        self.sqlitePool = sqlitePool; self.postgresPool = postgresPool; self.ownedGroup = ownedGroup
    }

    /// Opens the database and checks that it answers; fails fast with a clear message.
    public static func open(_ location: DatabaseLocation, logger: Logger = Logger(label: "candor.store"),
                            maxPostgresConnections: Int = 4) async throws -> CandorDatabase {
        let database: CandorDatabase
        switch location {
        case .sqlite(let path):
            let url = URL(fileURLWithPath: path)
            let directory = url.deletingLastPathComponent().path
            if !FileManager.default.fileExists(atPath: directory) {
                throw DatabaseError.cannotConnect(location.description, underlying: "folder \(directory) does not exist")
            }
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            let source = SQLiteConnectionSource(configuration: .init(storage: .file(path: path), enableForeignKeys: true))
            let pool = EventLoopGroupConnectionPool(source: source, maxConnectionsPerEventLoop: 1,
                                                    requestTimeout: .seconds(60), pruneInterval: nil,
                                                    logger: logger, on: group)
            database = CandorDatabase(kind: .sqlite, location: location, logger: logger, sqlitePool: pool,
                                      postgresPool: nil, ownedGroup: group)
        case .postgres(let urlString):
            let configuration: SQLPostgresConfiguration
            do { configuration = try SQLPostgresConfiguration(url: urlString) } catch {
                throw DatabaseError.cannotConnect(location.description, underlying: "not a valid PostgreSQL URL (\(error))")
            }
            let pool = EventLoopGroupConnectionPool(source: PostgresConnectionSource(sqlConfiguration: configuration),
                                                    maxConnectionsPerEventLoop: maxPostgresConnections,
                                                    requestTimeout: .seconds(30), pruneInterval: .seconds(60),
                                                    logger: logger, on: MultiThreadedEventLoopGroup.singleton)
            database = CandorDatabase(kind: .postgres, location: location, logger: logger, sqlitePool: nil,
                                      postgresPool: pool, ownedGroup: nil)
        }
        do {
            if database.kind == .sqlite {
                // WAL lets readers of other processes (a backup, `sqlite3`) work during writes.
                try await database.sql.raw("PRAGMA journal_mode = WAL").run()
                try await database.sql.raw("PRAGMA synchronous = NORMAL").run()
                try await database.sql.raw("PRAGMA busy_timeout = 10000").run()
                // 64 MiB of page cache (grown only as used). Large imports set the random-order
                // search indexes aside (SearchIndexes), so a bigger cache buys little and costs RSS.
                try await database.sql.raw("PRAGMA cache_size = -65536").run()
            } else {
                try await database.sql.raw("SELECT 1").run()
            }
        } catch {
            await database.shutdown()
            throw DatabaseError.cannotConnect(location.description, underlying: CandorDatabase.describe(error))
        }
        return database
    }

    /// The pooled database for single statements.
    public var sql: any SQLDatabase {
        if let sqlitePool { return PooledSQLiteDatabase(pool: sqlitePool, logger: logger) }
        return postgresPool!.database(logger: logger).sql()
    }

    /// Runs `body` inside one transaction on one connection; rolls back on any error.
    public func transaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await sql.withSession { session in
            try await session.raw(self.kind == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN").run()
            do {
                let result = try await body(session)
                try await session.raw("COMMIT").run()
                return result
            } catch {
                try? await session.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// A transaction on one PostgreSQL connection, for work that needs the driver itself
    /// (COPY) beside SQLKit. Rolls back on any error.
    func postgresTransaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase, PostgresConnection) async throws -> R) async throws -> R {
        guard let postgresPool else { preconditionFailure("postgresTransaction on \(kind.rawValue)") }
        let logger = self.logger
        let future: EventLoopFuture<R> = postgresPool.withConnection(logger: logger) { connection in
            connection.eventLoop.makeFutureWithTask {
                let db = connection.sql()
                try await db.raw("BEGIN").run()
                do {
                    let result = try await body(db, connection)
                    try await db.raw("COMMIT").run()
                    return result
                } catch {
                    try? await db.raw("ROLLBACK").run()
                    throw error
                }
            }
        }
        return try await future.get()
    }

    public func shutdown() async {
        try? await sqlitePool?.shutdownAsync()
        try? await postgresPool?.shutdownAsync()
        try? await ownedGroup?.shutdownGracefully()
    }

    /// Error text from the drivers without their debug dumps.
    static func describe(_ error: any Error) -> String {
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] { return message }
            return "\(psql.code)" + (psql.underlying.map { ": \($0)" } ?? "")
        }
        return String(describing: error)
    }
}
