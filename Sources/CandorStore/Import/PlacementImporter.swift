import CandorCore
import Foundation
import Logging
import SQLKit

/// What `candor import placements` prints and `POST /api/placements` answers.
public struct PlacementImportSummary: Sendable, Codable, Equatable {
    public var file: String
    public var client: String
    public var placementID: String
    public var rows: Int
    public var accepted: Int
    public var rejected: Int
    public var duplicates: Int
    public var errors: [PlacementRowError]
    /// Row errors beyond the first `PlacementImporter.maxReportedErrors` are counted, not listed.
    public var errorsNotListed: Int
    public var ignoredColumns: [String]

    enum CodingKeys: String, CodingKey {
        case file, client, placementID = "placement_id", rows, accepted, rejected, duplicates, errors
        case errorsNotListed = "errors_not_listed", ignoredColumns = "ignored_columns"
    }
}

/// A placement file that cannot be imported at all; nothing was written.
public enum PlacementImportError: Error, Sendable, CustomStringConvertible {
    case unusableFile(String)
    case unknownClient(String)

    public var description: String {
        switch self {
        case .unusableFile(let why): return why
        case .unknownClient(let code): return StoreError.unknownClient(code).description
        }
    }
}

/// Streams a placement file into the database in batches, each batch one transaction.
///
/// Safety: a crash leaves whole batches or nothing. Accounts are unique per client, so a
/// re-run of the same file counts what was already imported as duplicates and imports the
/// rest: re-sending completes an interrupted import and never duplicates.
/// Memory: one chunk of the file and one batch of rows, whatever the file's size.
public struct PlacementImporter: Sendable {
    public static let maxReportedErrors = 10_000

    let store: SQLStore
    let cipher: FieldCipher
    let batchSize: Int
    let chunkSize: Int
    let progress: (@Sendable (_ rows: Int) -> Void)?
    /// Called after each committed batch with the number of batches so far. Tests throw
    /// from it to stop an import the way a crash would.
    let afterBatch: (@Sendable (_ batches: Int) throws -> Void)?
    /// SQLite files at least this large are imported with the search indexes dropped and
    /// rebuilt at the end (see `SearchIndexes`). PostgreSQL keeps them: other instances may
    /// be searching while an import runs.
    let deferIndexesFromBytes: Int

    public init(store: SQLStore, cipher: FieldCipher, batchSize: Int = 2000, chunkSize: Int = 1 << 20,
                progress: (@Sendable (Int) -> Void)? = nil, afterBatch: (@Sendable (Int) throws -> Void)? = nil,
                deferIndexesFromBytes: Int = 32 << 20) {
        self.store = store; self.cipher = cipher; self.batchSize = batchSize; self.chunkSize = chunkSize
        self.progress = progress; self.afterBatch = afterBatch; self.deferIndexesFromBytes = deferIndexesFromBytes
    }

    /// Imports `path` for the client `clientCode`; `displayName` is the file name reported.
    public func importFile(path: String, clientCode: String, displayName: String? = nil) async throws -> PlacementImportSummary {
        let fileName = displayName ?? URL(fileURLWithPath: path).lastPathComponent
        guard let client = try await store.client(code: clientCode) else { throw PlacementImportError.unknownClient(clientCode) }
        let precheck: FilePrecheck.Result
        do { precheck = try FilePrecheck.run(path: path, chunkSize: chunkSize) } catch {
            throw PlacementImportError.unusableFile(error.description)
        }
        let now = store.clock()
        let today = LocalDate(utcSecondsSinceEpoch: Int64(now.timeIntervalSince1970))
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw PlacementImportError.unusableFile("cannot read \(path)")
        }
        defer { try? file.close() }

        var summary = PlacementImportSummary(file: fileName, client: client.code, placementID: "", rows: 0,
                                             accepted: 0, rejected: 0, duplicates: 0, errors: [],
                                             errorsNotListed: 0, ignoredColumns: [])
        var reader = RecordBatches(parser: PlacementParser(today: today), file: file, chunkSize: chunkSize,
                                   batchSize: batchSize)
        func nextBatch() throws -> [PlacementRecord] {
            do { return try reader.next() } catch let error as PlacementFileError {
                // The precheck caught every whole-file fault it can see before any write, and
                // the header is checked on the first chunk, before any batch.
                throw PlacementImportError.unusableFile(error.description)
            } catch {
                throw PlacementImportError.unusableFile("reading \(fileName) failed: \(error)")
            }
        }
        let next = try nextBatch()
        let placementID = try await openPlacement(clientID: client.id.rawValue, fileName: fileName, sha256: precheck.sha256)
        let deferIndexes = store.database.kind == .sqlite && precheck.bytes >= deferIndexesFromBytes && !next.isEmpty
        if deferIndexes { try await SearchIndexes.drop(store.sql) }
        do {
            try await write(first: next, nextBatch: nextBatch, rowsRead: { reader.rows }, placementID: placementID,
                            clientID: client.id.rawValue, today: today, summary: &summary)
        } catch {
            if deferIndexes { try? await SearchIndexes.ensure(store.sql) }
            throw error
        }
        if deferIndexes { try await SearchIndexes.ensure(store.sql) }
        summary.rows = reader.rows
        summary.rejected = reader.rejected
        summary.errors = reader.errors
        summary.errorsNotListed = reader.errorsNotListed
        summary.placementID = placementID
        summary.ignoredColumns = reader.parser.ignoredColumns
        try await closePlacement(id: placementID, summary: summary)
        return summary
    }

    /// Writes batch after batch, parsing the next while the database writes the current one.
    private func write(first: [PlacementRecord], nextBatch: () throws -> [PlacementRecord], rowsRead: () -> Int,
                       placementID: String, clientID: String, today: LocalDate,
                       summary: inout PlacementImportSummary) async throws {
        var next = first
        var batches = 0
        var lastProgress = 0
        while !next.isEmpty {
            let current = next
            // Parse the next batch while the database writes this one: two cores, two jobs.
            async let written = insertBatch(current, clientID: clientID, placementID: placementID, today: today)
            next = try nextBatch()
            let (accepted, duplicates) = try await written
            summary.accepted += accepted
            summary.duplicates += duplicates
            batches += 1
            try afterBatch?(batches)
            if let progress, rowsRead() - lastProgress >= 50_000 {
                lastProgress = rowsRead()
                progress(lastProgress)
            }
        }
    }

    /// Finds the placement of this exact file for this client, or records a new one.
    func openPlacement(clientID: String, fileName: String, sha256: String) async throws -> String {
        let db = store.sql
        if let row = try await db.raw("SELECT id FROM placements WHERE client_id = \(bind: clientID) AND file_sha256 = \(bind: sha256)").first() {
            return try row.decode(column: "id", as: String.self)
        }
        let id = SQLStore.newID()
        do {
            try await db.insert(into: "placements")
                .columns("id", "client_id", "file_name", "file_sha256", "status", "created_at")
                .values(id, clientID, fileName, sha256, Placement.Status.importing.rawValue, Timestamp.format(store.clock()))
                .run()
            return id
        } catch where SQLStore.isUniqueViolation(error) {
            // Another import of the same file started at the same moment: share its placement.
            let row = try await db.raw("SELECT id FROM placements WHERE client_id = \(bind: clientID) AND file_sha256 = \(bind: sha256)").first()
            return try row!.decode(column: "id", as: String.self)
        }
    }

    func closePlacement(id: String, summary: PlacementImportSummary) async throws {
        try await store.database.transaction { db in
            let accepted = try await db.raw("SELECT COUNT(*) AS n FROM accounts WHERE placement_id = \(bind: id)")
                .first()!.decode(column: "n", as: Int.self)
            try await db.raw("""
                UPDATE placements SET status = \(bind: Placement.Status.completed.rawValue), rows_total = \(bind: summary.rows),
                  accepted = \(bind: accepted), rejected = \(bind: summary.rejected),
                  duplicates = \(bind: max(0, summary.rows - summary.rejected - accepted)),
                  completed_at = \(bind: Timestamp.format(self.store.clock()))
                WHERE id = \(bind: id)
                """).run()
        }
    }
}
