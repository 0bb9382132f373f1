import CandorCore
import Foundation
import SQLKit

/// What applying an ACH return file did, entry by entry.
public struct ReturnsReport: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        /// The payment was reversed (its allocation undone); `payment` is its ID.
        case reversed(payment: String)
        /// Already reversed by an earlier run or by hand: nothing to do (re-runs are safe).
        case alreadyReversed(payment: String)
        /// No exported payment has this trace number: a person must look.
        case unmatched
        /// The returned amount is not the payment's amount: left for a person.
        case amountMismatch(payment: String, paid: Money)
    }
    public struct Item: Sendable, Hashable {
        public var entry: NachaReturn
        public var outcome: Outcome
    }
    public var items: [Item]
}

extension SQLStore {
    /// Reverses the payment each return quotes (matched by the trace number stored at
    /// export), as `returned_ach` with the return reason in the note; each reversal is its
    /// own transaction and audited. A return whose authorization was revoked (R05, R07,
    /// R10, R29) says so in the note. Safe to run twice on the same file.
    public func applyACHReturns(_ returns: [NachaReturn], by actor: String) async throws -> ReturnsReport {
        var items: [ReturnsReport.Item] = []
        for r in returns {
            guard let row = try await sql.raw("""
                SELECT id, amount_cents, status FROM payments WHERE method = 'bank' AND nacha_trace_number = \(bind: r.originalTrace)
                """).first() else { items.append(.init(entry: r, outcome: .unmatched)); continue }
            let id = try row.decode(column: "id", as: String.self)
            let paid = Money(cents: try row.decode(column: "amount_cents", as: Int64.self))
            if try row.decode(column: "status", as: String.self) == StoredPayment.Status.reversed.rawValue {
                items.append(.init(entry: r, outcome: .alreadyReversed(payment: id))); continue
            }
            guard paid == r.amount else { items.append(.init(entry: r, outcome: .amountMismatch(payment: id, paid: paid))); continue }
            var note = "\(r.reasonCode) \(r.reason)"
            if r.authorizationRevoked { note += "; authorization revoked: take no further debit on it" }
            do {
                _ = try await reversePayment(id: id, reason: .returnedACH, by: actor, note: note)
                items.append(.init(entry: r, outcome: .reversed(payment: id)))
            } catch PaymentError.alreadyReversed {
                items.append(.init(entry: r, outcome: .alreadyReversed(payment: id)))
            }
        }
        return ReturnsReport(items: items)
    }
}
