@preconcurrency import AsyncKit
import Logging
import NIOCore
import SQLKit
import SQLiteKit

/// SQLKit's view of the SQLite connection pool (sqlite-kit ships none): each statement
/// borrows the connection; a session (a transaction) holds it until the closure ends.
struct PooledSQLiteDatabase: SQLDatabase {
    let pool: EventLoopGroupConnectionPool<SQLiteConnectionSource>
    let logger: Logger

    var eventLoop: any EventLoop { pool.eventLoopGroup.any() }
    var dialect: any SQLDialect { SQLiteDialect() }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        pool.withConnection(logger: logger) { connection in
            connection.sql().execute(sql: query, onRow)
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try await execute(sql: query, onRow).get()
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let box: EventLoopFuture<ResultBox<R>> = pool.withConnection(logger: logger) { connection in
            connection.eventLoop.makeFutureWithTask { ResultBox(value: try await closure(connection.sql())) }
        }
        return try await box.get().value
    }
}

/// Carries a non-Sendable result out of the connection's future; it is read once, after.
private struct ResultBox<R>: @unchecked Sendable { let value: R }
