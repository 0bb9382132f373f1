/// A payment that arrived, as promises and plans see it: a date and a positive amount.
public struct ReceivedPayment: Sendable, Hashable, Codable {
    public var date: LocalDate
    public var amount: Money

    public init(date: LocalDate, amount: Money) {
        self.date = date; self.amount = amount
    }

    /// The payments on a ledger that still stand: a reversed payment (returned ACH,
    /// chargeback) never arrived as far as a promise or plan is concerned, so it is left
    /// out, and the promise or installment it had met becomes unmet again.
    public static func standing(on ledger: Ledger) -> [ReceivedPayment] {
        let reversed = Set(ledger.entries.compactMap(\.reverses))
        return ledger.entries
            .filter { $0.kind == .payment && !reversed.contains($0.id) }
            .map { ReceivedPayment(date: $0.effectiveDate, amount: -$0.amount) }
    }

    /// Stable order: by date; ties keep their input order.
    static func chronological(_ payments: [ReceivedPayment]) -> [ReceivedPayment] {
        payments.enumerated()
            .sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
            .map(\.element)
    }
}
