import CandorCore
@testable import CandorStore
import Foundation
import SQLKit
import Testing

@Suite("Payment reliability")
struct PaymentReliabilityTests {
    @Test("200 concurrent submissions with one idempotency key: one payment, one ledger entry, one charge", arguments: TestDatabase.available)
    func concurrentIdempotency(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let (store, ids) = try await paymentFixture(db)
            let processor = TestCardProcessor()
            let before = try #require(try await store.account(id: ids[0])).balance
            let request = cardRequest(ids[0], key: "same-key", cents: 1234)
            let paymentIDs = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<200 {
                    group.addTask { try await store.postPayment(request, cipher: testCipher, processor: processor).id }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(paymentIDs.count == 200)
            #expect(Set(paymentIDs).count == 1)
            #expect(try await count(db, "payments") == 1)
            #expect(try await count(db, "ledger_entries WHERE kind = 'payment'") == 1)
            #expect(processor.chargeCount == 1)
            #expect(try #require(try await store.account(id: ids[0])).balance == before - Money(cents: 1234))
            #expect(try await checkLedgerInvariant(db).isEmpty)
        }
    }

    @Test("the ledger invariant holds after random payments, reversals and adjustments", arguments: TestDatabase.available)
    func randomSequences(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let (store, ids) = try await paymentFixture(db, rows: 4)
            let processor = TestCardProcessor()
            var rng = SplitMix64(seed: 20260528)
            var paid: [String] = []
            var refused = 0
            for step in 0..<120 {
                let account = ids[rng.next(ids.count)]
                let balance = try #require(try await store.account(id: account)).balance.cents
                let entriesBefore = try await count(db, "ledger_entries")
                do {
                    switch rng.next(6) {
                    case 0, 1:
                        // Sometimes over the balance on purpose: must be refused.
                        let cents = Int64(rng.next(Int(max(balance, 1)) + 200)) + 1
                        let request = rng.next(2) == 0 ? cardRequest(account, key: "r\(step)", cents: cents)
                                                       : bankRequest(account, key: "r\(step)", cents: cents)
                        paid.append(try await store.postPayment(request, cipher: testCipher, processor: processor).id)
                    case 2:
                        guard !paid.isEmpty else { continue }
                        _ = try await store.reversePayment(id: paid[rng.next(paid.count)], reason: .chargeback, by: "t")
                    case 3:
                        try await store.postLedgerChange(account: account, kind: rng.next(2) == 0 ? .interest : .fee,
                                                         amount: Money(cents: Int64(rng.next(5000)) + 1), by: "t")
                    default:
                        try await store.postLedgerChange(account: account, kind: .adjustment,
                                                         amount: Money(cents: Int64(rng.next(20_000)) - 15_000), by: "t")
                    }
                } catch let error as PaymentError {
                    refused += 1
                    // A refusal writes nothing.
                    #expect(try await count(db, "ledger_entries") == entriesBefore, "\(error)")
                }
                let problems = try await checkLedgerInvariant(db)
                #expect(problems.isEmpty, "step \(step): \(problems)")
                if !problems.isEmpty { break }
            }
            #expect(refused > 0 && paid.count > 10, "the sequence exercised refusals (\(refused)) and payments (\(paid.count))")
            #expect(try await store.verifyAuditChain().broken == nil)
        }
    }
}
