import CandorCore
@testable import CandorStore
import Foundation
import SQLKit
import Testing

/// What an ACH return that revokes an authorization (R05, R07, R10, R29, R51) does to the
/// bank account it came from: no debit left scheduled from it, none taken until a new
/// authorization is recorded (Nacha Rule 2.3.2.5, Reg E 12 CFR 1005.10(c)).
@Suite("Revoked bank authorizations")
struct RevokedAuthorizationTests {
    static let otherRouting = try! RoutingNumber("091000019")
    static let later = tomorrow.adding(days: 3)

    /// The debits of one scenario: `returned` and `exported` went out in tomorrow's file from
    /// bank account 123456789; then `sameAccount` (the same account, written with a dash),
    /// `otherAccount` and `otherBank` (the same number at another bank) were scheduled for later.
    struct Scenario {
        let store: SQLStore
        let ids: [Account.ID]
        let returned: StoredPayment, exported: StoredPayment
        let sameAccount: StoredPayment, otherAccount: StoredPayment, otherBank: StoredPayment
        let returnFile: String
    }

    static func scenario(_ db: CandorDatabase, code: String = "R10", returnedCents: Int64 = 1500) async throws -> Scenario {
        let (store, ids) = try await paymentFixture(db)
        let p = TestCardProcessor()
        let returned = try await store.postPayment(bankRequest(ids[0], key: "r", cents: 1500), cipher: testCipher, processor: p)
        let exported = try await store.postPayment(bankRequest(ids[2], key: "x", cents: 700), cipher: testCipher, processor: p)
        let export = try await store.exportNacha(date: tomorrow, originator: NachaExportTests.originator, stamp: NachaExportTests.stamp,
                                                 cipher: testCipher, by: "t") { _ in }
        let file = try #require(export.file)
        let trace = file.traceNumbers[try #require(export.paymentIDs.firstIndex(of: returned.id))]
        let sameAccount = try await store.postPayment(bankRequest(ids[1], key: "s", cents: 300, number: "1234-56789", date: later),
                                                      cipher: testCipher, processor: p)
        let otherAccount = try await store.postPayment(bankRequest(ids[1], key: "o", cents: 400, number: "987654321", date: later),
                                                       cipher: testCipher, processor: p)
        var elsewhere = bankRequest(ids[0], key: "b", cents: 500, date: later)
        if case .bank(var debit) = elsewhere.method { debit.routing = otherRouting; elsewhere.method = .bank(debit) }
        let otherBank = try await store.postPayment(elsewhere, cipher: testCipher, processor: p)
        return Scenario(store: store, ids: ids, returned: returned, exported: exported, sameAccount: sameAccount,
                        otherAccount: otherAccount, otherBank: otherBank,
                        returnFile: returnFile([(trace, code, returnedCents)]))
    }

    @Test("a revoking return whose amount does not match still revokes and cancels; only its reversal is left for a person",
          arguments: TestDatabase.available)
    func mismatchStillRevokes(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let s = try await Self.scenario(db, returnedCents: 1499)
            let report = try await s.store.applyACHReturns(try NachaReturnParser.parse(s.returnFile), cipher: testCipher, by: "system:test")
            let item = try #require(report.items.first)
            #expect(item.outcome == .amountMismatch(payment: s.returned.id, paid: Money(cents: 1500)))
            #expect(item.revokedBankAccount == "****6789" && item.cancelled.map(\.payment) == [s.sameAccount.id])
            #expect(try await s.store.payment(id: s.returned.id)?.status == .exported)
            #expect(try await s.store.payment(id: s.sameAccount.id)?.status == .reversed)
            #expect(try await checkLedgerInvariant(db).isEmpty)
            #expect(try await s.store.verifyAuditChain().broken == nil)
        }
    }

    @Test("a revoking return cancels the other debit still scheduled from the same bank account, not one from another account or bank, nor one already exported",
          arguments: TestDatabase.available)
    func cancelsScheduledDebits(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let s = try await Self.scenario(db)
            let report = try await s.store.applyACHReturns(try NachaReturnParser.parse(s.returnFile), cipher: testCipher, by: "system:test")
            let item = try #require(report.items.first)
            #expect(item.outcome == .reversed(payment: s.returned.id))
            #expect(item.revokedBankAccount == "****6789")
            #expect(item.cancelled == [.init(payment: s.sameAccount.id, account: s.ids[1], amount: Money(cents: 300), scheduledDate: Self.later)])
            #expect(try await s.store.payment(id: s.sameAccount.id)?.status == .reversed)
            #expect(try await db.sql.raw("SELECT reversal_reason FROM payments WHERE id = \(bind: s.sameAccount.id)").first()?
                .decode(column: "reversal_reason", as: String.self) == "cancelled")
            #expect(try await s.store.payment(id: s.otherAccount.id)?.status == .scheduled)
            #expect(try await s.store.payment(id: s.otherBank.id)?.status == .scheduled)
            #expect(try await s.store.payment(id: s.exported.id)?.status == .exported)

            // Audited: the revocation, then the return's reversal, on the returned debit's account;
            // the cancellation on the other account, naming the return and its reason.
            let first = try await s.store.auditEntries(subject: "account:\(s.ids[0].rawValue)").suffix(2).map(\.action)
            #expect(first == ["bank_authorization.revoke", "payment.reverse"])
            let cancellation = try #require(try await s.store.auditEntries(subject: "account:\(s.ids[1].rawValue)").last)
            #expect(cancellation.action == "payment.reverse" && cancellation.details.contains("cancelled"))
            #expect(cancellation.details.contains("R10 customer advises not authorized") && cancellation.details.contains(s.returned.id))
            let revocations = try await s.store.bankAuthorizationRevocations(routing: testRouting, accountNumber: "123456789", cipher: testCipher)
            #expect(revocations.map(\.reasonCode) == ["R10"] && revocations.allSatisfy(\.isOpen))
            #expect(try await s.store.bankAuthorizationRevocations(routing: Self.otherRouting, accountNumber: "123456789", cipher: testCipher).isEmpty)
            let stored = try #require(try await db.sql.raw("SELECT * FROM bank_authorization_revocations").first())
            #expect(!(try stored.decode(column: "bank_account_number_encrypted", as: String.self)).contains("123456789"))
            #expect(try await checkLedgerInvariant(db).isEmpty)
            #expect(try await s.store.verifyAuditChain().broken == nil)
        }
    }

    @Test("the same return file applied again reverses, revokes and cancels nothing a second time", arguments: TestDatabase.available)
    func rerunChangesNothing(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let s = try await Self.scenario(db, code: "R07")
            let returns = try NachaReturnParser.parse(s.returnFile)
            _ = try await s.store.applyACHReturns(returns, cipher: testCipher, by: "system:test")
            let tables = ["ledger_entries", "audit_entries", "bank_authorization_revocations", "payments WHERE status = 'scheduled'"]
            let before = try await tables.asyncMap { try await count(db, $0) }
            let again = try await s.store.applyACHReturns(returns, cipher: testCipher, by: "system:test")
            #expect(again.items.map(\.outcome) == [.alreadyReversed(payment: s.returned.id)])
            #expect(again.items.first?.revokedBankAccount == nil && again.items.first?.cancelled == [])
            #expect(try await tables.asyncMap { try await count(db, $0) } == before)
        }
    }

    @Test("a debit reversed by hand before its revoking return arrives: the return still revokes and cancels", arguments: TestDatabase.available)
    func reversedByHandStillRevokes(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let s = try await Self.scenario(db, code: "R05")
            _ = try await s.store.reversePayment(id: s.returned.id, reason: .returnedACH, by: "sup-1")
            let report = try await s.store.applyACHReturns(try NachaReturnParser.parse(s.returnFile), cipher: testCipher, by: "system:test")
            #expect(report.items.map(\.outcome) == [.alreadyReversed(payment: s.returned.id)])
            #expect(report.items.first?.cancelled.map(\.payment) == [s.sameAccount.id])
            #expect(try await count(db, "bank_authorization_revocations") == 1)
        }
    }

    @Test("a return for another reason (R01) neither blocks the bank account nor cancels its scheduled debits", arguments: TestDatabase.available)
    func otherReasonsDoNotRevoke(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let s = try await Self.scenario(db, code: "R01")
            let report = try await s.store.applyACHReturns(try NachaReturnParser.parse(s.returnFile), cipher: testCipher, by: "system:test")
            #expect(report.items.map(\.outcome) == [.reversed(payment: s.returned.id)])
            #expect(report.items.first?.revokedBankAccount == nil && report.items.first?.cancelled == [])
            #expect(try await s.store.payment(id: s.sameAccount.id)?.status == .scheduled)
            _ = try await s.store.postPayment(bankRequest(s.ids[2], key: "n", cents: 100, date: Self.later), cipher: testCipher,
                                              processor: TestCardProcessor())
        }
    }

    @Test("a new debit from the revoked bank account is refused, naming the account number field, and writes nothing; other accounts and cards are taken",
          arguments: TestDatabase.available)
    func newDebitRefused(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let s = try await Self.scenario(db)
            _ = try await s.store.applyACHReturns(try NachaReturnParser.parse(s.returnFile), cipher: testCipher, by: "system:test")
            let payments = try await count(db, "payments"), audit = try await count(db, "audit_entries")
            let refusal = PaymentError.authorizationRevoked(bankAccount: "****6789", reason: "ACH return R10 customer advises not authorized", revokedOn: LocalDate(year: 2026, month: 5, day: 28)!)
            // Any debt account, any spelling of the same number, any SEC code.
            for (i, number) in ["123456789", "12 345 6789"].enumerated() {
                await #expect(throws: refusal) {
                    try await s.store.postPayment(bankRequest(s.ids[i + 1], key: "new-\(i)", cents: 100, sec: .tel, number: number),
                                                  cipher: testCipher, processor: TestCardProcessor())
                }
            }
            #expect(refusal.description.contains("****6789") && refusal.description.contains("R10")
                    && refusal.description.contains("new authorization"))
            #expect(try await count(db, "payments") == payments)
            #expect(try await count(db, "audit_entries") == audit)
            _ = try await s.store.postPayment(bankRequest(s.ids[2], key: "other", cents: 100, number: "55550000"), cipher: testCipher,
                                              processor: TestCardProcessor())
            _ = try await s.store.postPayment(cardRequest(s.ids[2], key: "card", cents: 100), cipher: testCipher, processor: TestCardProcessor())
        }
    }

    @Test("a new authorization recorded for the bank account lets a debit be taken again; the old return file applied again leaves it alone",
          arguments: TestDatabase.available)
    func freshAuthorizationAllowsDebit(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let s = try await Self.scenario(db)
            let returns = try NachaReturnParser.parse(s.returnFile)
            _ = try await s.store.applyACHReturns(returns, cipher: testCipher, by: "system:test")
            func authorization(_ reference: String, number: String = "123456789") -> NewBankAuthorization {
                NewBankAuthorization(accountID: s.ids[1], routing: testRouting, accountNumber: number, secCode: .tel,
                                     reference: reference, recordedBy: "sup-1")
            }
            await #expect(throws: PaymentError.invalid(field: "reference", message: "reference is required (1–100 characters): where the consumer's new authorization is kept, e.g. the recording reference of the call")) {
                try await s.store.recordBankAuthorization(authorization("  "), cipher: testCipher)
            }
            await #expect(throws: PaymentError.self) { try await s.store.recordBankAuthorization(authorization("REC-9", number: "12"), cipher: testCipher) }
            // Another bank account's authorization lifts nothing.
            #expect(try await s.store.recordBankAuthorization(authorization("REC-9", number: "987654321"), cipher: testCipher).isEmpty)

            let lifted = try await s.store.recordBankAuthorization(authorization("REC-2026-0107"), cipher: testCipher)
            #expect(lifted.map(\.reasonCode) == ["R10"] && lifted.first?.reauthorizationReference == "REC-2026-0107")
            #expect(lifted.first?.reauthorizedBy == "sup-1" && lifted.first?.reauthorizationSecCode == .tel && lifted.first?.isOpen == false)
            let audit = try #require(try await s.store.auditEntries(subject: "account:\(s.ids[1].rawValue)").last)
            #expect(audit.action == "bank_authorization.record" && audit.details.contains("REC-2026-0107") && !audit.details.contains("123456789"))
            #expect(try await s.store.recordBankAuthorization(authorization("REC-2026-0107"), cipher: testCipher).isEmpty)

            let debit = try await s.store.postPayment(bankRequest(s.ids[1], key: "after", cents: 200, sec: .tel, date: Self.later),
                                                      cipher: testCipher, processor: TestCardProcessor())
            #expect(debit.status == .scheduled)
            let again = try await s.store.applyACHReturns(returns, cipher: testCipher, by: "system:test")
            #expect(again.items.first?.cancelled == [])
            #expect(try await s.store.payment(id: debit.id)?.status == .scheduled)
            #expect(try await checkLedgerInvariant(db).isEmpty)
        }
    }
}
