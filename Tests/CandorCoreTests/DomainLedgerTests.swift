import CandorCore
import Testing

@Suite("Ledger")
struct DomainLedgerTests {
    static let day = LocalDate(year: 2026, month: 3, day: 15)!

    /// `balance == itemizationAmount + Σ entries`, the parts add up to it, and no part is negative.
    static func checkInvariant(_ ledger: Ledger, _ context: @autoclosure () -> String) {
        let sum = ledger.entries.reduce(ledger.itemizationAmount) { $0 + $1.amount }
        #expect(ledger.balance == sum, "\(context())")
        #expect(ledger.parts.total == ledger.balance, "\(context())")
        let parts = ledger.parts
        #expect(parts.principal >= .zero && parts.interest >= .zero && parts.fees >= .zero, "\(context()): \(parts)")
    }

    @Test("random sequences of payments, reversals, adjustments, interest and fees keep the invariant",
          arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func randomSequences(seed: UInt64) throws {
        var rng = DomainTestRNG(seed: seed)
        var ledger = Ledger(itemizationAmount: Money(cents: Int64.random(in: 0...500_000, using: &rng)))
        var nextID = 0
        func id() -> LedgerEntry.ID { nextID += 1; return LedgerEntry.ID("e\(nextID)") }
        var payments: [LedgerEntry.ID] = []
        for step in 0..<400 {
            let before = ledger.balance
            switch Int.random(in: 0..<5, using: &rng) {
            case 0 where before > .zero:
                let amount = Money(cents: Int64.random(in: 1...before.cents, using: &rng))
                let waterfall = [AllocationWaterfall.standard, AllocationWaterfall(order: [.principal, .interest, .fees])].randomElement(using: &rng)!
                let entry = try ledger.postPayment(id: id(), amount: amount, on: Self.day, waterfall: waterfall)
                #expect(entry.amount == -amount)
                #expect(ledger.balance == before - amount)
                payments.append(entry.id)
            case 1 where !payments.isEmpty:
                let paymentID = payments.remove(at: Int.random(in: 0..<payments.count, using: &rng))
                let payment = ledger.entries.first { $0.id == paymentID }!
                let reversal = try ledger.reverse(payment: paymentID, id: id(), on: Self.day)
                #expect(reversal.parts == -payment.parts)
                #expect(ledger.balance == before - payment.amount)
                #expect(throws: LedgerError.alreadyReversed(paymentID)) { try ledger.reverse(payment: paymentID, id: id(), on: Self.day) }
            case 2:
                let principal = ledger.parts.principal.cents
                let amount = Int64.random(in: -principal...50_000, using: &rng)
                if amount == 0 {
                    #expect(throws: LedgerError.nonPositiveAmount(.zero)) { try ledger.adjust(id: id(), amount: .zero, on: Self.day) }
                } else {
                    try ledger.adjust(id: id(), amount: Money(cents: amount), on: Self.day)
                    #expect(ledger.balance == before + Money(cents: amount))
                }
            case 3:
                let amount = Money(cents: Int64.random(in: 1...20_000, using: &rng))
                try ledger.charge(.interest, id: id(), amount: amount, on: Self.day)
                #expect(ledger.balance == before + amount)
            default:
                let amount = Money(cents: Int64.random(in: 1...5_000, using: &rng))
                try ledger.charge(.fee, id: id(), amount: amount, on: Self.day)
                #expect(ledger.balance == before + amount)
            }
            Self.checkInvariant(ledger, "seed \(seed) step \(step)")
        }
    }

    @Test("what the ledger refuses")
    func refusals() throws {
        var ledger = Ledger(itemizationAmount: Money(cents: 10_000))
        #expect(throws: LedgerError.paymentExceedsBalance(payment: Money(cents: 10_001), balance: Money(cents: 10_000))) {
            try ledger.postPayment(id: "p0", amount: Money(cents: 10_001), on: Self.day)
        }
        #expect(throws: LedgerError.nonPositiveAmount(Money(cents: -1))) { try ledger.postPayment(id: "p0", amount: Money(cents: -1), on: Self.day) }
        #expect(throws: LedgerError.nonPositiveAmount(.zero)) { try ledger.charge(.fee, id: "f0", amount: .zero, on: Self.day) }
        #expect(throws: LedgerError.adjustmentBelowZero(adjustment: Money(cents: -10_001), balance: Money(cents: 10_000))) {
            try ledger.adjust(id: "a0", amount: Money(cents: -10_001), on: Self.day)
        }
        try ledger.charge(.fee, id: "f1", amount: Money(cents: 500), on: Self.day)
        #expect(throws: LedgerError.notAPayment("f1")) { try ledger.reverse(payment: "f1", id: "r1", on: Self.day) }
        #expect(throws: LedgerError.unknownEntry("nope")) { try ledger.reverse(payment: "nope", id: "r1", on: Self.day) }
        // The standard waterfall pays fees first.
        let payment = try ledger.postPayment(id: "p1", amount: Money(cents: 700), on: Self.day)
        #expect(payment.parts == BalanceParts(principal: Money(cents: -200), interest: .zero, fees: Money(cents: -500)))
        Self.checkInvariant(ledger, "refusals")
    }

    @Test("the opening ledger of a placement starts at the placed balance", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func opening(seed: UInt64) {
        var rng = DomainTestRNG(seed: seed)
        for _ in 0..<200 {
            let amount = Int64.random(in: 0...1_000_000, using: &rng)
            let interest = Int64.random(in: 0...50_000, using: &rng) * Int64.random(in: 0...1, using: &rng)
            let fees = Int64.random(in: 0...5_000, using: &rng) * Int64.random(in: 0...1, using: &rng)
            let payments = Int64.random(in: 0...(amount + interest + fees), using: &rng) / 2
            let credits = Int64.random(in: 0...(amount + interest + fees - payments), using: &rng) / 3
            let itemization = Itemization(dateType: .chargeOff, date: Self.day, amount: Money(cents: amount),
                interestSince: Money(cents: interest), feesSince: Money(cents: fees),
                paymentsSince: Money(cents: payments), creditsSince: Money(cents: credits))
            var n = 0
            let ledger = Ledger.opening(itemization: itemization, effectiveDate: Self.day) { n += 1; return LedgerEntry.ID("o\(n)") }
            #expect(ledger.balance == itemization.balanceAtPlacement)
            Self.checkInvariant(ledger, "opening \(itemization)")
        }
    }
}
