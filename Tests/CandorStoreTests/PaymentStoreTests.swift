import CandorCore
@testable import CandorStore
import Foundation
import SQLKit
import Testing

@Suite("Payments in storage")
struct PaymentStoreTests {
    @Test("a card payment is posted once: ledger entry by the waterfall, balance, payment row, audit line", arguments: TestDatabase.available)
    func postsCardPayment(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let (store, ids) = try await paymentFixture(db)
            let processor = TestCardProcessor()
            let before = try #require(try await store.account(id: ids[0]))
            let payment = try await store.postPayment(cardRequest(ids[0], key: "k1", cents: 1000), cipher: testCipher, processor: processor)
            #expect(payment.status == .posted && !payment.replayed && payment.processorReference == "test_ch_1")
            let again = try await store.postPayment(cardRequest(ids[0], key: "k1", cents: 1000), cipher: testCipher, processor: processor)
            #expect(again.id == payment.id && again.replayed)
            let after = try #require(try await store.account(id: ids[0]))
            #expect(after.balance == before.balance - Money(cents: 1000))
            #expect(after.ledger.entries.filter { $0.kind == .payment }.count == 1)
            // Fees first, then interest, then principal.
            let entry = try #require(after.ledger.entries.last)
            var expected = before.ledger
            try expected.postPayment(id: entry.id, amount: Money(cents: 1000), on: entry.effectiveDate)
            #expect(entry.parts == expected.entries.last!.parts)
            #expect(processor.chargeCount == 1)
            #expect(try await checkLedgerInvariant(db).isEmpty)
            #expect(try await store.auditEntries(subject: "account:\(ids[0].rawValue)").map(\.action) == ["payment.post"])
        }
    }

    @Test("same key with another amount is a conflict; over the balance is refused; nothing written", arguments: TestDatabase.available)
    func refusals(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let (store, ids) = try await paymentFixture(db)
            let processor = TestCardProcessor()
            _ = try await store.postPayment(cardRequest(ids[0], key: "k1", cents: 1000), cipher: testCipher, processor: processor)
            await #expect(throws: PaymentError.idempotencyConflict(key: "k1")) {
                try await store.postPayment(cardRequest(ids[0], key: "k1", cents: 999), cipher: testCipher, processor: processor)
            }
            let balance = try #require(try await store.account(id: ids[1])).balance
            await #expect(throws: PaymentError.ledger(.paymentExceedsBalance(payment: balance + Money(cents: 1), balance: balance))) {
                try await store.postPayment(cardRequest(ids[1], key: "k2", cents: balance.cents + 1), cipher: testCipher, processor: processor)
            }
            await #expect(throws: PaymentError.self) {
                try await store.postPayment(bankRequest(ids[1], key: "k3", cents: 100, sec: .web, date: LocalDate(utcSecondsSinceEpoch: 0)),
                                            cipher: testCipher, processor: processor)
            }
            await #expect(throws: PaymentError.declined("test card decline_1")) {
                try await store.postPayment(cardRequest(ids[1], key: "k4", cents: 100, token: "decline_1"), cipher: testCipher, processor: processor)
            }
            #expect(try await count(db, "payments") == 1)
            #expect(try await count(db, "ledger_entries WHERE kind = 'payment'") == 1)
            #expect(processor.chargeCount == 1)
        }
    }

    @Test("a debit already exported cannot be cancelled, and a card payment cannot come back as an ACH return", arguments: TestDatabase.available)
    func reversalReasonFitsThePayment(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let (store, ids) = try await paymentFixture(db)
            let card = try await store.postPayment(cardRequest(ids[0], key: "c1", cents: 100), cipher: testCipher, processor: TestCardProcessor())
            await #expect(throws: PaymentError.self) { try await store.reversePayment(id: card.id, reason: .returnedACH, by: "sup-1") }
            await #expect(throws: PaymentError.self) { try await store.reversePayment(id: card.id, reason: .cancelled, by: "sup-1") }
            let debit = try await store.postPayment(bankRequest(ids[1], key: "b1", cents: 100), cipher: testCipher, processor: TestCardProcessor())
            _ = try await store.exportNacha(date: tomorrow, originator: NachaExportTests.originator, stamp: NachaExportTests.stamp,
                                            cipher: testCipher, by: "t") { _ in }
            await #expect(throws: PaymentError.self) { try await store.reversePayment(id: debit.id, reason: .cancelled, by: "sup-1") }
            #expect(try await count(db, "ledger_entries WHERE kind = 'reversal'") == 0)
            #expect(try await store.reversePayment(id: debit.id, reason: .returnedACH, by: "sup-1").status == .reversed)
        }
    }

    @Test("a debit its NACHA file would refuse is refused when taken, naming the field, so it cannot hold back the day's file", arguments: TestDatabase.available)
    func refusedWhenTakenNotWhenExported(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let (store, ids) = try await paymentFixture(db)
            var request = bankRequest(ids[0], key: "long", cents: 100, sec: .tel)
            if case .bank(var debit) = request.method { debit.recordingReference = "REC-0000000000042"; request.method = .bank(debit) }
            await #expect(throws: PaymentError.invalid(field: "bank.recording_reference", message: "the recording reference is longer than NACHA's 15 characters")) {
                try await store.postPayment(request, cipher: testCipher, processor: TestCardProcessor())
            }
            #expect(try await count(db, "payments") == 0)
        }
    }

    @Test("a bank debit retried after midnight with its key is replayed, not refused as dated in the past", arguments: TestDatabase.available)
    func retryAfterMidnight(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let (plain, ids) = try await paymentFixture(db)
            let clock = SteppingClock()
            let store = SQLStore(database: plain.database, clock: { clock.date })
            let today = clock.today
            let first = try await store.postPayment(bankRequest(ids[0], key: "m1", cents: 100, date: today), cipher: testCipher, processor: TestCardProcessor())
            clock.advance(days: 1)
            let again = try await store.postPayment(bankRequest(ids[0], key: "m1", cents: 100, date: today), cipher: testCipher, processor: TestCardProcessor())
            #expect(again.id == first.id && again.replayed)
            await #expect(throws: PaymentError.invalid(field: "bank.debit_date", message: "the debit date \(today) is in the past")) {
                try await store.postPayment(bankRequest(ids[0], key: "m2", cents: 100, date: today), cipher: testCipher, processor: TestCardProcessor())
            }
        }
    }

    @Test("a reversal undoes exactly its payment's allocation, once", arguments: TestDatabase.available)
    func reversal(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let (store, ids) = try await paymentFixture(db)
            let before = try #require(try await store.account(id: ids[0]))
            let payment = try await store.postPayment(bankRequest(ids[0], key: "b1", cents: 2500), cipher: testCipher, processor: TestCardProcessor())
            let reversed = try await store.reversePayment(id: payment.id, reason: .returnedACH, by: "sup-1")
            #expect(reversed.status == .reversed)
            let after = try #require(try await store.account(id: ids[0]))
            #expect(after.ledger.parts == before.ledger.parts)
            #expect(after.balance == before.balance)
            let pay = try #require(after.ledger.entries.first { $0.id == payment.ledgerEntryID })
            #expect(after.ledger.entries.last!.parts == -pay.parts)
            await #expect(throws: PaymentError.alreadyReversed(payment.id)) {
                try await store.reversePayment(id: payment.id, reason: .chargeback, by: "sup-1")
            }
            #expect(try await checkLedgerInvariant(db).isEmpty)
        }
    }

    @Test("the bank account number is stored only encrypted; the payment shows the last four", arguments: TestDatabase.available)
    func bankNumberEncrypted(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let (store, ids) = try await paymentFixture(db)
            let payment = try await store.postPayment(bankRequest(ids[0], key: "b1", cents: 100, number: "9876543210"),
                                                      cipher: testCipher, processor: TestCardProcessor())
            #expect(payment.bankAccountMasked == "****3210")
            let row = try #require(try await db.sql.raw("SELECT * FROM payments").first())
            let stored = try row.decode(column: "bank_account_number_encrypted", as: String.self)
            #expect(!stored.contains("9876543210"))
            #expect(try testCipher.decrypt(stored) == "9876543210")
        }
    }
}
