import CandorCore
@testable import CandorStore
import Foundation
import SQLKit
import Testing

/// A notification of change: a COR entry (amount zero) and its addenda (798) quoting our
/// entry's trace, the change code and the corrected data (positions 36–64).
func changeFile(_ changes: [(trace: String, code: String, data: String)]) -> String {
    odfiFile(changes.map { ("26", 0, "798" + $0.code + $0.trace + "      " + "01100001" + nachaPad($0.data, 29)) })
}

@Suite("Notifications of change")
struct NotificationOfChangeTests {
    typealias S = RevokedAuthorizationTests

    @Test("the corrected data is read by the layout of its code; a correction that cannot be right names its line and positions")
    func parser() throws {
        let file = changeFile([("091000010000001", "C01", "55554444"),
                               ("091000010000002", "C03", "091000019   987600001"),
                               ("091000010000003", "C07", "011000015" + "5555000022222    " + "37"),
                               ("091000010000004", "C05", "37"),
                               ("091000010000005", "C09", "NEW ID 42")])
        let parsed = try NachaReturnParser.parseFile(file)
        #expect(parsed.returns.isEmpty && parsed.changes.map(\.line) == [3, 5, 7, 9, 11])
        let c = parsed.changes.map(\.correction)
        #expect(c[0] == .init(accountNumber: "55554444"))
        #expect(c[1] == .init(routing: try RoutingNumber("091000019"), accountNumber: "987600001"))
        #expect(c[2] == .init(routing: try RoutingNumber("011000015"), accountNumber: "5555000022222", accountType: .savings))
        #expect(c[3] == .init(accountType: .savings))
        #expect(c[4] == nil && parsed.changes[4].correctedData == "NEW ID 42" && parsed.changes[4].meaning == "incorrect individual identification")
        #expect(try NachaReturnParser.parse(file).isEmpty, "the returns alone, as before")

        // A correction that cannot be right is kept for a person, its value not quoted; the file still reads.
        let bad = try NachaReturnParser.parseFile(changeFile([("091000010000001", "C02", "091000018"), ("091000010000002", "C01", "12.34/5"),
                                                               ("091000010000003", "C03", "091000019123987600001")])).changes
        #expect(bad.allSatisfy { $0.correction == nil })
        #expect(bad.map(\.problem) == ["the corrected routing number (positions 36–44) is not a valid routing number",
                                        "the corrected account number (positions 36–52) is not 1–17 letters or digits",
                                        "positions 45–47 must be blank for C03: the corrected data is shifted"])
        #expect(throws: NachaReturnError.malformed(line: 3, field: "change code (positions 4–6)", value: "X01")) {
            try NachaReturnParser.parseFile(changeFile([("091000010000001", "X01", "1")]))
        }
    }

    static func trace(_ db: CandorDatabase, _ payment: StoredPayment) async throws -> String {
        try #require(try await db.sql.raw("SELECT nacha_trace_number FROM payments WHERE id = \(bind: payment.id)").first()?
            .decode(column: "nacha_trace_number", as: String.self))
    }

    /// Applies the notification of change `code` with corrected `data` for `payment`'s entry.
    static func applyNotice(_ db: CandorDatabase, _ store: SQLStore, for payment: StoredPayment, _ code: String,
                            _ data: String) async throws -> ChangesReport {
        let changes = try NachaReturnParser.parseFile(changeFile([(try await trace(db, payment), code, data)])).changes
        return try await store.applyNotificationsOfChange(changes, cipher: testCipher, by: "system:test")
    }

    /// The field and the corrected details a debit is refused with because the bank corrected
    /// its details; nil when the debit was taken.
    static func correctedRefusal(_ store: SQLStore, _ request: PaymentRequest) async throws -> (field: String, to: String)? {
        do { _ = try await store.postPayment(request, cipher: testCipher, processor: TestCardProcessor()) }
        catch PaymentError.bankAccountCorrected(let field, _, let to, _, _) { return (field, to) }
        return nil
    }

    @Test("a C01 moves every debit still scheduled from that bank account, on any account, to the corrected number; the sent one stays; new debits from the old number are refused naming the field; a re-run changes nothing",
          arguments: TestDatabase.available)
    func correctsScheduledDebits(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let s = try await S.scenario(db)
            let elsewhere = try await s.store.postPayment(bankRequest(s.ids[0], key: "z", cents: 200, date: S.later), cipher: testCipher,
                                                          processor: TestCardProcessor())
            let trace = try await Self.trace(db, s.returned)
            let changes = try NachaReturnParser.parseFile(changeFile([(trace, "C01", "55554444"), ("091000019999999", "C01", "1111"),
                                                                     (trace, "C09", "NEW ID")])).changes
            let report = try await s.store.applyNotificationsOfChange(changes, cipher: testCipher, by: "system:test")
            #expect(report.items.map(\.outcome) == [.applied(payment: s.returned.id, bankAccount: "****4444", corrected: [s.sameAccount.id, elsewhere.id], cancelled: []),
                                                    .unmatched, .forAPerson(payment: s.returned.id)])
            for id in [s.sameAccount.id, elsewhere.id] {
                let row = try #require(try await db.sql.raw("SELECT * FROM payments WHERE id = \(bind: id)").first())
                #expect(try testCipher.decrypt(try row.decode(column: "bank_account_number_encrypted", as: String.self)) == "55554444")
                #expect(try row.decode(column: "bank_account_last4", as: String.self) == "4444")
                #expect(try await s.store.payment(id: id)?.status == .scheduled)
            }
            #expect(try await s.store.payment(id: s.otherAccount.id)?.bankAccountMasked == "****4321")
            #expect(try await s.store.payment(id: s.exported.id)?.bankAccountMasked == "****6789", "a sent entry is not ours to change")
            let audit = try #require(try await s.store.auditEntries(subject: "account:\(s.ids[0].rawValue)").first { $0.action == "bank_account.correct" })
            #expect(audit.details.contains("C01 incorrect bank account number") && audit.details.contains("****4444") && !audit.details.contains("55554444"))
            #expect(try await s.store.auditEntries(subject: "account:\(s.ids[1].rawValue)").last?.action == "payment.correct")

            let refusal = PaymentError.bankAccountCorrected(field: "bank.account_number", bankAccount: "****6789",
                                                            correctedTo: "routing number 011000015, account ****4444", change: "C01 incorrect bank account number",
                                                            on: LocalDate(utcSecondsSinceEpoch: Int64(pinnedNow.timeIntervalSince1970)))
            await #expect(throws: refusal) {
                try await s.store.postPayment(bankRequest(s.ids[2], key: "old", cents: 100, number: "1234-56789", date: S.later),
                                              cipher: testCipher, processor: TestCardProcessor())
            }
            _ = try await s.store.postPayment(bankRequest(s.ids[2], key: "new", cents: 100, number: "55554444", date: S.later),
                                              cipher: testCipher, processor: TestCardProcessor())

            let tables = ["bank_account_corrections", "audit_entries", "payments"]
            let before = try await tables.asyncMap { try await count(db, $0) }
            let again = try await s.store.applyNotificationsOfChange(changes, cipher: testCipher, by: "system:test")
            #expect(again.items.map(\.outcome) == [.alreadyApplied(payment: s.returned.id), .unmatched, .forAPerson(payment: s.returned.id)])
            #expect(try await tables.asyncMap { try await count(db, $0) } == before)
            #expect(try await checkLedgerInvariant(db).isEmpty)
            #expect(try await s.store.verifyAuditChain().broken == nil)
        }
    }

    @Test("a C05 changes the account type of the scheduled debits; a new debit must name the corrected type", arguments: TestDatabase.available)
    func typeOnly(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let s = try await S.scenario(db)
            _ = try await Self.applyNotice(db, s.store, for: s.returned, "C05", "37")
            #expect(try await db.sql.raw("SELECT bank_account_type FROM payments WHERE id = \(bind: s.sameAccount.id)").first()?
                .decode(column: "bank_account_type", as: String.self) == "savings")
            let refusal = try await Self.correctedRefusal(s.store, bankRequest(s.ids[2], key: "checking", cents: 100, date: S.later))
            #expect(refusal?.field == "bank.account_type" && refusal?.to == "a savings account",
                    "a checking debit after the bank said savings must be refused")
            var savings = bankRequest(s.ids[2], key: "savings", cents: 100, date: S.later)
            if case .bank(var debit) = savings.method { debit.accountType = .savings; savings.method = .bank(debit) }
            _ = try await s.store.postPayment(savings, cipher: testCipher, processor: TestCardProcessor())
        }
    }

    @Test("a revocation follows the account: corrected after a revoking return, the scheduled debits are cancelled, not moved, and the corrected account is blocked too",
          arguments: TestDatabase.available)
    func revokedThenCorrected(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let s = try await S.scenario(db)
            // The consumer revokes; then, for the debit already sent, the bank says the number is 55554444.
            _ = try await s.store.recordConsumerRevocation(
                NewConsumerRevocation(accountID: s.ids[0], routing: testRouting, accountNumber: "123456789", channel: .letter,
                                      reference: "LTR-1", recordedBy: "user-7"), cipher: testCipher)
            // A debit already scheduled on the new number (taken before the notice arrived).
            let onNew = try await s.store.postPayment(bankRequest(s.ids[2], key: "new", cents: 100, number: "55554444", date: S.later),
                                                      cipher: testCipher, processor: TestCardProcessor())
            let report = try await Self.applyNotice(db, s.store, for: s.returned, "C01", "55554444")
            #expect(report.items.map(\.outcome) == [.applied(payment: s.returned.id, bankAccount: "****4444", corrected: [], cancelled: [])],
                    "the old account's debits were cancelled by the revocation already")
            await #expect(throws: PaymentError.self, "the corrected account inherits the revocation") {
                try await s.store.postPayment(bankRequest(s.ids[1], key: "y", cents: 100, number: "55554444", date: S.later),
                                              cipher: testCipher, processor: TestCardProcessor())
            }
            #expect(try await s.store.bankAuthorizationRevocations(routing: testRouting, accountNumber: "55554444", cipher: testCipher)
                .map(\.noticeReference) == ["LTR-1"])
            #expect(try await s.store.payment(id: onNew.id)?.status == .scheduled, "taken before: only its own account's revocation would cancel it")
        }
    }

    @Test("a notice for a revoked new account cancels the old account's debits instead of moving them onto it", arguments: TestDatabase.available)
    func correctedIntoRevoked(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let s = try await S.scenario(db)
            _ = try await s.store.postPayment(bankRequest(s.ids[0], key: "first", cents: 100, number: "55554444", date: S.later),
                                              cipher: testCipher, processor: TestCardProcessor())
            _ = try await s.store.recordConsumerRevocation(
                NewConsumerRevocation(accountID: s.ids[0], routing: testRouting, accountNumber: "55554444", channel: .phone,
                                      reference: "REC-9", recordedBy: "user-7"), cipher: testCipher)
            let report = try await Self.applyNotice(db, s.store, for: s.returned, "C01", "55554444")
            #expect(report.items.map(\.outcome) == [.applied(payment: s.returned.id, bankAccount: "****4444", corrected: [], cancelled: [s.sameAccount.id])])
            #expect(try await s.store.payment(id: s.sameAccount.id)?.status == .reversed)
        }
    }

    @Test("a correction back to the earlier details lets them be used again; a C02 names the routing number", arguments: TestDatabase.available)
    func revertedCorrection(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let s = try await S.scenario(db)
            _ = try await Self.applyNotice(db, s.store, for: s.returned, "C02", "091000019")
            let refusal = try await Self.correctedRefusal(s.store, bankRequest(s.ids[2], key: "a", cents: 100, date: S.later))
            #expect(refusal?.field == "bank.routing_number" && refusal?.to == "routing number 091000019, account ****6789",
                    "a debit from the corrected routing number must be refused")
            // The other-bank debit of the scenario went out in a later file; the bank corrects it back.
            let export = try await s.store.exportNacha(date: S.later, originator: NachaExportTests.originator, stamp: NachaExportTests.stamp,
                                                       cipher: testCipher, by: "t") { _ in }
            let file = try #require(export.file)
            let moved = try #require(export.paymentIDs.firstIndex(of: s.sameAccount.id))
            let back = try NachaReturnParser.parseFile(changeFile([(file.traceNumbers[moved], "C02", "011000015")])).changes
            _ = try await s.store.applyNotificationsOfChange(back, cipher: testCipher, by: "system:test")
            _ = try await s.store.postPayment(bankRequest(s.ids[2], key: "b", cents: 100, date: S.later.adding(days: 1)), cipher: testCipher,
                                              processor: TestCardProcessor())
        }
    }
}
