import CandorCore
@testable import CandorStore
import Foundation
import SQLKit
import Testing

/// A file as an ODFI sends it: a file header, for each entry its entry detail (6) and one
/// addenda (7), and a filler record, every record 94 characters.
func odfiFile(_ entries: [(transactionCode: String, cents: Int64, addenda: String)]) -> String {
    var lines = [nachaPad("101 091000019 1234567890" + "2605290900A094101", 94)]
    for (i, e) in entries.enumerated() {
        lines.append(nachaPad("6" + e.transactionCode + "01100001" + "5" + nachaPad("12345678", 17) + nachaNumber(e.cents, 10) + nachaPad("ID", 15)
                              + nachaPad("PAT DOE", 22) + "  1" + nachaNumber(Int64(i + 1), 15), 94))
        lines.append(nachaPad(nachaPad(e.addenda, 79) + nachaNumber(Int64(i + 1), 15), 94))
    }
    lines.append(String(repeating: "9", count: 94))
    return lines.joined(separator: "\n") + "\n"
}

func nachaPad(_ s: String, _ n: Int) -> String { s.count >= n ? String(s.prefix(n)) : s + String(repeating: " ", count: n - s.count) }
func nachaNumber(_ v: Int64, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: n - s.count) + s }

/// A return file: for each returned entry, a return entry detail (the amount at 30–39) and a
/// 799 addenda quoting the original trace number.
func returnFile(_ returns: [(trace: String, code: String, cents: Int64)]) -> String {
    odfiFile(returns.map { ("26", $0.cents, "799" + $0.code + $0.trace + "      " + "09100001") })
}

@Suite("ACH returns")
struct ACHReturnTests {
    @Test("a return file is read entry by entry; a short record or an addenda without its entry names the line")
    func parser() throws {
        let parsed = try NachaReturnParser.parse(returnFile([("091000010000001", "R01", 1500), ("091000010000002", "R10", 2500)]))
        #expect(parsed.map(\.originalTrace) == ["091000010000001", "091000010000002"])
        #expect(parsed.map(\.reasonCode) == ["R01", "R10"] && parsed.map(\.amount) == [Money(cents: 1500), Money(cents: 2500)])
        #expect(parsed[0].reason == "insufficient funds" && !parsed[0].authorizationRevoked && parsed[1].authorizationRevoked)
        #expect(parsed.map(\.line) == [3, 5])
        #expect(throws: NachaReturnError.recordLength(line: 2, length: 11)) { try NachaReturnParser.parse("1" + String(repeating: " ", count: 93) + "\n6 too short\n") }
        let orphan = "799R01091000010000001" + String(repeating: " ", count: 73)
        #expect(throws: NachaReturnError.addendaWithoutEntry(line: 1)) { try NachaReturnParser.parse(orphan) }
        let badCode = "799X01091000010000001" + String(repeating: " ", count: 73)
        #expect(throws: NachaReturnError.self) { try NachaReturnParser.parse(returnFile([]) + badCode) }
    }

    @Test("trace numbers continue from file to file, so a return can only name one payment", arguments: TestDatabase.available)
    func tracesAcrossFiles(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let (store, ids) = try await paymentFixture(db)
            let p = TestCardProcessor()
            _ = try await store.postPayment(bankRequest(ids[0], key: "a", cents: 100), cipher: testCipher, processor: p)
            let first = try #require(try await store.exportNacha(date: tomorrow, originator: NachaExportTests.originator,
                                                                 stamp: NachaExportTests.stamp, cipher: testCipher, by: "t") { _ in }.file)
            let dayAfter = tomorrow.adding(days: 1)
            _ = try await store.postPayment(bankRequest(ids[1], key: "b", cents: 200, date: dayAfter), cipher: testCipher, processor: p)
            let second = try #require(try await store.exportNacha(date: dayAfter, originator: NachaExportTests.originator,
                                                                  stamp: NachaExportTests.stamp, cipher: testCipher, by: "t") { _ in }.file)
            let odfi = NachaExportTests.originator.originatingDFI.dfiIdentification
            #expect(first.traceNumbers == [odfi + "0000001"] && second.traceNumbers == [odfi + "0000002"])
        }
    }

    @Test("returns reverse exactly the returned debits, once; unmatched traces and wrong amounts are left for a person", arguments: TestDatabase.available)
    func applyReturns(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let (store, ids) = try await paymentFixture(db)
            try await NachaExportTests.schedule(store, ids)
            let export = try await store.exportNacha(date: tomorrow, originator: NachaExportTests.originator, stamp: NachaExportTests.stamp,
                                                     cipher: testCipher, by: "t") { _ in }
            let file = try #require(export.file)
            let payments = try await export.paymentIDs.asyncMap { try #require(try await store.payment(id: $0)) }
            let returned = payments.filter { $0.amount == Money(cents: 2500) }.first!
            let trace = file.traceNumbers[export.paymentIDs.firstIndex(of: returned.id)!]
            let balanceBefore = try #require(try await store.account(id: returned.accountID)).balance
            let text = returnFile([(trace, "R07", 2500), ("999999990000099", "R01", 100),
                                   (file.traceNumbers[export.paymentIDs.firstIndex(of: payments.first { $0.id != returned.id }!.id)!], "R01", 1)])
            let report = try await store.applyACHReturns(try NachaReturnParser.parse(text), cipher: testCipher, by: "system:test")
            #expect(report.items.map(\.outcome) == [.reversed(payment: returned.id), .unmatched,
                                                    .amountMismatch(payment: payments.first { $0.id != returned.id }!.id, paid: payments.first { $0.id != returned.id }!.amount)])
            #expect(try await store.payment(id: returned.id)?.status == .reversed)
            #expect(try await store.account(id: returned.accountID)?.balance == balanceBefore + Money(cents: 2500))
            let audit = try await store.auditEntries(subject: "account:\(returned.accountID.rawValue)").last
            #expect(audit?.action == "payment.reverse" && audit?.details.contains("R07 authorization revoked by customer") == true)
            // The same file again reverses nothing twice.
            let again = try await store.applyACHReturns(try NachaReturnParser.parse(text), cipher: testCipher, by: "system:test")
            #expect(again.items.first?.outcome == .alreadyReversed(payment: returned.id))
            // The debit cancelled by hand, this return, and the debit from the same bank account
            // still scheduled for later, cancelled by the R07's revocation.
            #expect(try await count(db, "ledger_entries WHERE kind = 'reversal'") == 3)
            #expect(try await checkLedgerInvariant(db).isEmpty)
        }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async throws -> [T] {
        var out: [T] = []
        for e in self { out.append(try await transform(e)) }
        return out
    }
}
