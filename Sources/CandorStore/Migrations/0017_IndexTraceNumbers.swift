import SQLKit

/// A return quotes only the trace number of the entry it returns, so one trace must name one
/// payment: unique (NULL, for debits not yet exported, may repeat), and indexed for the lookup.
struct IndexTraceNumbers: Migration {
    let version = 17
    let name = "IndexTraceNumbers"
    func up(_ db: any SQLDatabase, kind: CandorDatabase.Kind) async throws {
        try await db.raw("CREATE UNIQUE INDEX payments_trace_idx ON payments (nacha_trace_number)").run()
    }
}
