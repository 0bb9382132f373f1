import CandorCore
@testable import CandorStore
import Foundation
import SQLKit
import Testing

@Suite("NACHA export from storage")
struct NachaExportTests {
    static let originator = NachaOriginator(
        immediateDestination: try! RoutingNumber("091000019"), immediateDestinationName: "First Example Bank",
        immediateOrigin: "1234567890", immediateOriginName: "Candor Collections", companyName: "CANDOR COLLECT",
        companyID: "1234567890")
    static let stamp = NachaFileStamp(date: LocalDate(utcSecondsSinceEpoch: Int64(pinnedNow.timeIntervalSince1970)), hour: 9, minute: 0)

    static var checkScript: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/nacha/check.py")
    }

    static var pythonWithAch: Bool {
        guard FileManager.default.fileExists(atPath: checkScript.path) else { return false }
        return (try? run(["python3", "-c", "import ach.parser"]).status) == 0
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Three debits due tomorrow (PPD, TEL, WEB), one due later, one cancelled.
    static func schedule(_ store: SQLStore, _ ids: [Account.ID]) async throws {
        let p = TestCardProcessor()
        _ = try await store.postPayment(bankRequest(ids[0], key: "a", cents: 1500, sec: .ppd), cipher: testCipher, processor: p)
        _ = try await store.postPayment(bankRequest(ids[1], key: "b", cents: 2500, sec: .tel), cipher: testCipher, processor: p)
        _ = try await store.postPayment(bankRequest(ids[2], key: "c", cents: 3500, sec: .web), cipher: testCipher, processor: p)
        _ = try await store.postPayment(bankRequest(ids[0], key: "d", cents: 100, date: LocalDate(utcSecondsSinceEpoch: Int64(pinnedNow.timeIntervalSince1970) + 5 * 86_400)),
                                        cipher: testCipher, processor: p)
        let cancelled = try await store.postPayment(bankRequest(ids[1], key: "e", cents: 100), cipher: testCipher, processor: p)
        _ = try await store.reversePayment(id: cancelled.id, reason: .cancelled, by: "t")
    }

    @Test("exports the debits due that day once, marks them with trace numbers in the same transaction", arguments: TestDatabase.available)
    func exportsOnce(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let (store, ids) = try await paymentFixture(db)
            try await Self.schedule(store, ids)
            let export = try await store.exportNacha(date: tomorrow, originator: Self.originator, stamp: Self.stamp,
                                                     cipher: testCipher, by: "t") { _ in }
            let file = try #require(export.file)
            #expect(export.paymentIDs.count == 3)
            #expect(file.totalDebit == Money(cents: 7500))
            #expect(file.batches.map(\.secCode) == [.ppd, .tel, .web])
            #expect(file.records.allSatisfy { $0.count == 94 } && file.records.count % 10 == 0)
            #expect(file.text.contains("REC-0042"))
            #expect(try await count(db, "payments WHERE status = 'exported' AND nacha_trace_number IS NOT NULL") == 3)
            let again = try await store.exportNacha(date: tomorrow, originator: Self.originator, stamp: Self.stamp,
                                                    cipher: testCipher, by: "t") { _ in }
            #expect(again.file == nil)
        }
    }

    @Test("a file that cannot be delivered leaves the debits unexported", arguments: TestDatabase.available)
    func failedDeliveryRollsBack(_ kind: TestDatabase) async throws {
        struct DiskFull: Error {}
        try await kind.with { db in
            let (store, ids) = try await paymentFixture(db)
            try await Self.schedule(store, ids)
            await #expect(throws: DiskFull.self) {
                try await store.exportNacha(date: tomorrow, originator: Self.originator, stamp: Self.stamp,
                                            cipher: testCipher, by: "t") { _ in throw DiskFull() }
            }
            #expect(try await count(db, "payments WHERE status = 'exported'") == 0)
        }
    }

    @Test("scripts/nacha/check.py (PyPI ach + independent recount) accepts the exported file",
          .enabled(if: pythonWithAch, "SKIPPED: needs python3 with the PyPI package ach (pip install ach)"))
    func checkerAccepts() async throws {
        try await TestDatabase.sqlite.with { db in
            let (store, ids) = try await paymentFixture(db)
            try await Self.schedule(store, ids)
            let export = try await store.exportNacha(date: tomorrow, originator: Self.originator, stamp: Self.stamp,
                                                     cipher: testCipher, by: "t") { _ in }
            let file = try temporaryFile(try #require(export.file).text, name: "debits.ach")
            let result = try Self.run(["python3", Self.checkScript.path, file.path])
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.contains("debit_cents=7500"), "\(result.output)")
        }
    }
}
