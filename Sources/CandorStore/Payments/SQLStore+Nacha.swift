import CandorCore
import Foundation
import SQLKit

/// One day's NACHA file and the payments in it.
public struct NachaExport: Sendable {
    /// Nil when no debit is due that day (nothing is written or marked).
    public var file: NachaFile?
    public var fileID: String
    public var paymentIDs: [String]
}

extension SQLStore {
    /// Exports the bank debits scheduled for `date` and not yet exported, and marks them
    /// exported (with their trace numbers, which returns quote) in the same transaction.
    ///
    /// `deliver` runs inside the transaction, before the commit: if it throws (the file
    /// cannot be written), nothing is marked and the next run exports the same debits. The
    /// CLI writes to a temporary name there and renames after the commit, so a file at the
    /// final name always corresponds to committed marks.
    public func exportNacha(date: LocalDate, originator: NachaOriginator, stamp: NachaFileStamp, cipher: FieldCipher,
                            by actor: String, deliver: @escaping @Sendable (NachaFile) throws -> Void) async throws -> NachaExport {
        let kind = database.kind, now = clock()
        let fileID = "\(stamp.date)-\(stamp.fileIDModifier)-\(Self.newID())"
        return try await database.transaction { db in
            // FOR UPDATE: two exports at once cannot both pick up the same debits.
            let rows = try await db.raw("""
                SELECT p.*, a.client_account_number FROM payments p JOIN accounts a ON a.id = p.account_id
                WHERE p.method = 'bank' AND p.status = 'scheduled' AND p.scheduled_date = \(bind: date.description)
                  AND p.exported_in_nacha_file IS NULL
                ORDER BY p.created_at, p.id\(unsafeRaw: kind == .postgres ? " FOR UPDATE OF p" : "")
                """).all()
            guard !rows.isEmpty else { return NachaExport(file: nil, fileID: fileID, paymentIDs: []) }
            var ids: [String] = []
            var entries: [NachaEntry] = []
            for row in rows {
                ids.append(try row.decode(column: "id", as: String.self))
                entries.append(try Self.nachaEntry(from: row, cipher: cipher))
            }
            // Trace numbers continue across files (ODFI + 7-digit sequence): a return quotes
            // only the trace, so one trace must never name two payments.
            let odfi = originator.originatingDFI.dfiIdentification
            let last = try await db.raw("""
                SELECT MAX(nacha_trace_number) AS t FROM payments WHERE nacha_trace_number LIKE \(bind: odfi + "%")
                """).first()?.decode(column: "t", as: String?.self)
            let next = (last.flatMap { Int64($0.dropFirst(odfi.count)) } ?? 0) + 1
            let file: NachaFile
            do { file = try NachaFile.build(originator: originator, effectiveDate: date, stamp: stamp, entries: entries,
                                            firstTraceSequence: next) }
            catch { throw PaymentError.invalid(field: "nacha", message: "cannot build the NACHA file: \(error)") }
            for (id, trace) in zip(ids, file.traceNumbers) {
                try await db.raw("""
                    UPDATE payments SET status = 'exported', exported_in_nacha_file = \(bind: fileID), nacha_trace_number = \(bind: trace)
                    WHERE id = \(bind: id)
                    """).run()
            }
            try await Self.appendAudit(db, kind: kind, at: now, actor: actor, action: "nacha.export", subject: "nacha:\(fileID)",
                                       details: ["date": date.description, "entries": String(ids.count),
                                                 "total_debit_cents": String(file.totalDebit.cents)])
            try deliver(file)
            return NachaExport(file: file, fileID: fileID, paymentIDs: ids)
        }
    }

    static func nachaEntry(from row: any SQLRow, cipher: FieldCipher) throws -> NachaEntry {
        let encrypted = try row.decode(column: "bank_account_number_encrypted", as: String.self)
        let sec = NachaSECCode(rawValue: try row.decode(column: "sec_code", as: String.self)) ?? .web
        return NachaEntry(
            name: try row.decode(column: "bank_holder_name", as: String.self),
            routing: try RoutingNumber(try row.decode(column: "bank_routing_number", as: String.self)),
            accountNumber: try cipher.decrypt(encrypted),
            amount: try cents(row, "amount_cents"),
            accountType: NachaAccountType(rawValue: try row.decode(column: "bank_account_type", as: String.self)) ?? .checking,
            individualID: try row.decode(column: "client_account_number", as: String.self),
            secCode: sec,
            recordingReference: try row.decode(column: "recording_reference", as: String?.self))
    }
}
