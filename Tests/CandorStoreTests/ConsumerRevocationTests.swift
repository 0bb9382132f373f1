import CandorCore
@testable import CandorStore
import Foundation
import SQLKit
import Testing

/// A consumer who tells us to stop debiting their bank account ("take no more money out of my
/// checking") has revoked the authorization as surely as an R10 return says so (Nacha Rule
/// 2.3.2.5, Reg E 12 CFR 1005.10(c)): recorded on the account by whoever heard it, it cancels
/// what is still scheduled from that bank account and blocks new debits until a new authorization.
@Suite("A consumer's own revocation")
struct ConsumerRevocationTests {
    typealias S = RevokedAuthorizationTests

    func notice(_ s: S.Scenario, account: Int = 1, last4: String? = "6789", number: String? = nil,
                reference: String = "REC-2026-0601") -> NewConsumerRevocation {
        NewConsumerRevocation(accountID: s.ids[account], routing: testRouting, accountNumber: number, last4: last4,
                              channel: .phone, reference: reference, recordedBy: "user-7")
    }

    @Test("told on a call, it cancels every debit still scheduled from that bank account on any account and refuses new ones; other bank accounts are untouched",
          arguments: TestDatabase.available)
    func revokesAndCancels(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let s = try await S.scenario(db)
            // A second debt of the same consumer's bank account, scheduled on another account.
            let elsewhere = try await s.store.postPayment(bankRequest(s.ids[0], key: "z", cents: 200, date: S.later), cipher: testCipher,
                                                          processor: TestCardProcessor())
            let result = try await s.store.recordConsumerRevocation(notice(s), cipher: testCipher)
            #expect(!result.alreadyRevoked)
            #expect(Set(result.cancelled.map(\.payment)) == [s.sameAccount.id, elsewhere.id])
            #expect(result.revocation.source == .consumer && result.revocation.noticeChannel == .phone && result.revocation.isOpen)
            #expect(result.revocation.paymentID == nil && result.revocation.reasonCode == nil && result.revocation.bankAccountMasked == "****6789")
            #expect(result.revocation.reason == "the consumer's notice by phone" && result.revocation.noticeReference == "REC-2026-0601")
            for id in [s.sameAccount.id, elsewhere.id] { #expect(try await s.store.payment(id: id)?.status == .reversed) }
            for id in [s.otherAccount.id, s.otherBank.id] { #expect(try await s.store.payment(id: id)?.status == .scheduled) }
            #expect(try await s.store.payment(id: s.exported.id)?.status == .exported, "a debit already sent to the bank is not ours to cancel")

            let refusal = PaymentError.authorizationRevoked(bankAccount: "****6789", reason: "the consumer's notice by phone",
                                                            revokedOn: LocalDate(utcSecondsSinceEpoch: Int64(pinnedNow.timeIntervalSince1970)))
            await #expect(throws: refusal) {
                try await s.store.postPayment(bankRequest(s.ids[2], key: "new", cents: 100, number: "1234 56789"), cipher: testCipher,
                                              processor: TestCardProcessor())
            }
            _ = try await s.store.postPayment(bankRequest(s.ids[2], key: "other", cents: 100, number: "987654321", date: S.later),
                                              cipher: testCipher, processor: TestCardProcessor())

            // The trail: the notice on the account it was given on, then each cancellation on its own account.
            let trail = try await s.store.auditEntries(subject: "account:\(s.ids[1].rawValue)").map(\.action).suffix(2)
            #expect(Array(trail) == ["bank_authorization.revoke", "payment.reverse"])
            let revoke = try #require(try await s.store.auditEntries(subject: "account:\(s.ids[1].rawValue)").first { $0.action == "bank_authorization.revoke" })
            #expect(revoke.actor == "user-7" && revoke.details.contains("REC-2026-0601") && revoke.details.contains("by phone")
                    && !revoke.details.contains("123456789"))
            let cancelled = try #require(try await s.store.auditEntries(subject: "account:\(s.ids[0].rawValue)").last)
            #expect(cancelled.action == "payment.reverse" && cancelled.details.contains("consumer's notice by phone"))
            #expect(try await checkLedgerInvariant(db).isEmpty)
            #expect(try await s.store.verifyAuditChain().broken == nil)
        }
    }

    @Test("told again, or the request retried, it writes nothing and answers with the revocation already open",
          arguments: TestDatabase.available)
    func repeatWritesNothing(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let s = try await S.scenario(db)
            let first = try await s.store.recordConsumerRevocation(notice(s), cipher: testCipher)
            let tables = ["ledger_entries", "audit_entries", "bank_authorization_revocations", "payments WHERE status = 'scheduled'"]
            let before = try await tables.asyncMap { try await count(db, $0) }
            let again = try await s.store.recordConsumerRevocation(notice(s, account: 0, last4: nil, number: "123-456-789", reference: "LTR-77"),
                                                                   cipher: testCipher)
            #expect(again.alreadyRevoked && again.revocation.id == first.revocation.id && again.cancelled.isEmpty)
            #expect(try await tables.asyncMap { try await count(db, $0) } == before)
        }
    }

    @Test("a bank account it cannot name, or no reference, is refused naming the field, and nothing is written",
          arguments: TestDatabase.available)
    func badNoticesRefused(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let s = try await S.scenario(db)
            // Two bank accounts ending 6789 paid on account 2: the last four cannot choose.
            _ = try await s.store.postPayment(bankRequest(s.ids[2], key: "twin", cents: 100, number: "999996789", date: S.later),
                                              cipher: testCipher, processor: TestCardProcessor())
            let audit = try await count(db, "audit_entries")
            for (bad, field) in [(notice(s, last4: "0000"), "account_number"), (notice(s, last4: nil), "account_number"),
                                 (notice(s, last4: "67"), "account_last4"), (notice(s, last4: "67 9"), "account_last4"),
                                 (notice(s, account: 2), "account_number"),
                                 (notice(s, last4: nil, number: "12"), "account_number"), (notice(s, reference: "  "), "reference")] {
                do {
                    _ = try await s.store.recordConsumerRevocation(bad, cipher: testCipher)
                    Issue.record("accepted \(bad)")
                } catch PaymentError.invalid(let named, _) {
                    #expect(named == field, "\(bad)")
                }
            }
            #expect(try await count(db, "bank_authorization_revocations") == 0)
            #expect(try await count(db, "audit_entries") == audit)
            #expect(try await s.store.payment(id: s.sameAccount.id)?.status == .scheduled)
        }
    }

    @Test("a new authorization lifts it, like a returned debit's", arguments: TestDatabase.available)
    func newAuthorizationLifts(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let s = try await S.scenario(db)
            _ = try await s.store.recordConsumerRevocation(notice(s), cipher: testCipher)
            let lifted = try await s.store.recordBankAuthorization(
                NewBankAuthorization(accountID: s.ids[1], routing: testRouting, accountNumber: "123456789", secCode: .tel,
                                     reference: "REC-2026-0700", recordedBy: "sup-1"), cipher: testCipher)
            #expect(lifted.map(\.source) == [.consumer] && lifted.first?.isOpen == false)
            let debit = try await s.store.postPayment(bankRequest(s.ids[1], key: "after", cents: 200, sec: .tel, date: S.later),
                                                      cipher: testCipher, processor: TestCardProcessor())
            #expect(debit.status == .scheduled)
        }
    }

    @Test("migration 0021 keeps the revocations returns recorded before it, as ACH returns, and refuses a row of neither kind",
          arguments: TestDatabase.available)
    func migrationKeepsReturns(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let s = try await S.scenario(db)
            // The table as migration 0018 made it, with a row as a return wrote it then.
            try await db.sql.raw("DROP TABLE bank_authorization_revocations").run()
            try await CreateBankAuthorizationRevocations().up(db.sql, kind: db.kind)
            try await db.sql.raw("""
                INSERT INTO bank_authorization_revocations (id, bank_routing_number, bank_account_number_encrypted, bank_account_last4,
                    account_id, payment_id, return_reason_code, return_trace, revoked_at, revoked_by)
                VALUES ('rv-old', '011000015', \(bind: testCipher.encrypt("123456789")), '6789', \(bind: s.ids[0].rawValue),
                        \(bind: s.returned.id), 'R10', '011000010000001', '2026-05-28T12:00:00Z', 'system:test')
                """).run()
            try await AllowConsumerRevocations().up(db.sql, kind: db.kind)

            let kept = try await s.store.bankAuthorizationRevocations(routing: testRouting, accountNumber: "123456789", cipher: testCipher)
            #expect(kept.map(\.id) == ["rv-old"] && kept.first?.source == .achReturn && kept.first?.reasonCode == "R10"
                    && kept.first?.paymentID == s.returned.id)
            await #expect(throws: (any Error).self, "a consumer notice without its channel and reference") {
                try await db.sql.raw("""
                    INSERT INTO bank_authorization_revocations (id, source, bank_routing_number, bank_account_number_encrypted,
                        bank_account_last4, account_id, revoked_at, revoked_by)
                    VALUES ('rv-bad', 'consumer', '011000015', 'x', '6789', \(bind: s.ids[0].rawValue), '2026-05-28T12:00:00Z', 't')
                    """).run()
            }
            // The rebuilt table keeps its constraints and its lookup index.
            await #expect(throws: (any Error).self, "UNIQUE (payment_id)") {
                try await db.sql.raw("""
                    INSERT INTO bank_authorization_revocations (id, source, bank_routing_number, bank_account_number_encrypted, bank_account_last4,
                        account_id, payment_id, return_reason_code, return_trace, revoked_at, revoked_by)
                    VALUES ('rv-twice', 'ach_return', '011000015', 'x', '6789', \(bind: s.ids[0].rawValue), \(bind: s.returned.id), 'R10', 't',
                            '2026-05-28T12:00:00Z', 't')
                    """).run()
            }
            let index = db.kind == .postgres
                ? "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'bank_authorization_revocations'"
                : "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'bank_authorization_revocations'"
            let indexes = try await db.sql.raw(SQLQueryString(index)).all().map { try $0.decode(column: "name", as: String.self) }
            #expect(indexes.contains("bank_authorization_revocations_account_idx"))
            // Still the one open revocation: a debit from the account is refused.
            await #expect(throws: PaymentError.authorizationRevoked(bankAccount: "****6789", reason: "ACH return R10 customer advises not authorized",
                                                                     revokedOn: LocalDate(year: 2026, month: 5, day: 28)!)) {
                try await s.store.postPayment(bankRequest(s.ids[2], key: "n", cents: 100), cipher: testCipher, processor: TestCardProcessor())
            }
        }
    }
}
