import CandorCore
import Foundation
import Testing

@Suite("NACHA file")
struct NachaTests {
    typealias F = PlanFixture
    static let odfi = try! RoutingNumber("091000019")

    static let originator = NachaOriginator(
        immediateDestination: odfi, immediateDestinationName: "First Example Bank", immediateOrigin: "1234567890",
        immediateOriginName: "Candor Collections", companyName: "CANDOR COLLECT", companyID: "1234567890",
        entryDescription: "PAYMENT")
    static let stamp = NachaFileStamp(date: PlanFixture.day("2026-03-09"), hour: 14, minute: 5, fileIDModifier: "A")

    static func entry(_ name: String, routing: String, account: String = "12345678", cents: Int64, sec: NachaSECCode,
                      type: NachaAccountType = .checking, recording: String? = nil, info: String? = nil,
                      direction: NachaDirection = .debit) -> NachaEntry {
        NachaEntry(name: name, routing: try! RoutingNumber(routing), accountNumber: account, amount: Money(cents: cents),
                   accountType: type, direction: direction, individualID: "ACCT-\(cents)", secCode: sec,
                   paymentType: sec == .ppd ? .single : .recurring, recordingReference: recording, paymentRelatedInfo: info)
    }

    static let sample: [NachaEntry] = [
        entry("José Núñez", routing: "021000021", cents: 12_345, sec: .web),
        entry("Ann O'Brien", routing: "011000015", account: "9876-5432 1", cents: 50_000, sec: .ppd, type: .savings,
              info: "Candor account A-1001 plan installment 3"),
        entry("Bo Li", routing: "322271627", cents: 7_501, sec: .tel, recording: "REC-20260309-17"),
        entry("Carla Diaz", routing: "111000025", cents: 100, sec: .ppd),
    ]

    static func build(_ entries: [NachaEntry] = sample) throws -> NachaFile {
        try NachaFile.build(originator: originator, effectiveDate: F.day("2026-03-10"), stamp: stamp, entries: entries)
    }

    // MARK: routing numbers

    @Test("routing numbers must have a valid ABA check digit", arguments: ["091000019", "021000021", "011000015", "322271627", "111000025"])
    func validRouting(text: String) throws { #expect(try RoutingNumber(text).digits == text) }

    @Test("a wrong check digit or a malformed number is refused")
    func invalidRouting() {
        #expect(throws: RoutingNumber.ParseError.checkDigit("091000018")) { try RoutingNumber("091000018") }
        #expect(throws: RoutingNumber.ParseError.format("09100001")) { try RoutingNumber("09100001") }
        #expect(throws: RoutingNumber.ParseError.format("09100001X")) { try RoutingNumber("09100001X") }
        #expect(RoutingNumber.checkDigit(forFirstEight: [0, 9, 1, 0, 0, 0, 0, 1]) == 9)
    }

    // MARK: structure

    @Test("every record is 94 characters and the file is blocked by 10")
    func recordLengths() throws {
        let file = try Self.build()
        #expect(file.records.allSatisfy { $0.utf8.count == 94 })
        #expect(file.records.count % 10 == 0)
        #expect(file.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().allSatisfy { $0.utf8.count == 94 })
    }

    @Test("one batch per SEC code, in PPD, TEL, WEB order, with entries and addenda in place")
    func layout() throws {
        let file = try Self.build()
        let types = file.records.map { String($0.prefix(1)) }.joined()
        // header; PPD batch (2 entries, 1 addenda); TEL batch; WEB batch; control; 9-fill to 20.
        #expect(types == "1" + "56768" + "568" + "568" + "9" + String(repeating: "9", count: 7))
        #expect(file.batches.map(\.secCode) == [.ppd, .tel, .web])
        #expect(file.records[1].dropFirst(50).prefix(3) == "PPD")
        #expect(file.records.suffix(7).allSatisfy { $0 == String(repeating: "9", count: 94) })
    }

    @Test("control totals, counts and entry hash agree with an independent recount")
    func controlTotals() throws {
        let file = try Self.build()
        let recount = NachaRecount(file.records)
        #expect(recount.problems == [])
        #expect(file.totalDebit == Money(cents: 12_345 + 50_000 + 7_501 + 100))
        #expect(file.totalCredit == .zero)
        // The first 8 digits of each RDFI routing number: 02100002 + 01100001 + 32227162 + 11100002.
        #expect(file.entryHash == 46_527_167)
        #expect(file.entryAndAddendaCount == 5)
        #expect(file.blockCount == 2)
        #expect(file.batchCount == 3)
        #expect(recount.fileHash == file.entryHash)
    }

    @Test("the entry hash keeps the last 10 digits of the sum")
    func entryHashOverflow() throws {
        let routings = Array(repeating: try RoutingNumber("322271627"), count: 400)  // 400 × 32227162 = 12 890 864 800
        #expect(NachaFile.entryHash(routings) == 2_890_864_800)
        let many = (0..<400).map { Self.entry("N\($0)", routing: "322271627", cents: Int64($0 + 1), sec: .ppd) }
        let file = try Self.build(many)
        #expect(file.entryHash == 2_890_864_800)
        #expect(NachaRecount(file.records).problems == [])
        #expect(file.blockCount == (1 + 1 + 400 + 1 + 1 + 9) / 10)
    }

    @Test("entry detail fields sit at NACHA's positions")
    func entryFields() throws {
        let file = try Self.build()
        let web = file.records.first { $0.hasPrefix("6") && $0.contains("JOSE NUNEZ") }!
        func field(_ from: Int, _ to: Int) -> Substring { Array(web.utf8)[(from - 1)..<to].withUnsafeBufferPointer { Substring(decoding: $0, as: UTF8.self) } }
        #expect(field(2, 3) == "27")                       // checking debit
        #expect(field(4, 11) == "02100002")
        #expect(field(12, 12) == "1")
        #expect(field(13, 29) == "12345678         ")
        #expect(field(30, 39) == "0000012345")
        #expect(field(40, 54) == "ACCT-12345     ")
        #expect(field(55, 76) == "JOSE NUNEZ            ")   // accents folded, upper case
        #expect(field(77, 78) == "R ")                     // WEB payment type code
        #expect(field(79, 79) == "0")
        #expect(field(80, 94) == "091000010000004")        // ODFI + sequence
        let savings = file.records.first { $0.contains("ANN O'BRIEN") }!
        #expect(savings.dropFirst(1).prefix(2) == "37")
        #expect(savings.dropFirst(12).prefix(17) == "987654321        ")  // spaces and hyphens dropped
    }

    @Test("TEL entries carry the authorization recording reference and no addenda")
    func telRecording() throws {
        let file = try Self.build()
        let tel = file.records.first { $0.hasPrefix("6") && $0.contains("BO LI") }!
        #expect(tel.dropFirst(39).prefix(15) == "REC-20260309-17")
        #expect(tel.dropFirst(78).prefix(1) == "0")
        #expect(throws: NachaError.missingRecordingReference(entry: 0)) {
            try Self.build([Self.entry("X", routing: "021000021", cents: 1, sec: .tel)])
        }
        #expect(throws: NachaError.addendaNotAllowed(entry: 0, .tel)) {
            try Self.build([Self.entry("X", routing: "021000021", cents: 1, sec: .tel, recording: "R1", info: "x")])
        }
        #expect(throws: NachaError.telMustBeDebit(entry: 0)) {
            try Self.build([Self.entry("X", routing: "021000021", cents: 1, sec: .tel, recording: "R1", direction: .credit)])
        }
        #expect(throws: NachaError.fieldTooLong(entry: 0, field: "recording reference", maximum: 15)) {
            try Self.build([Self.entry("X", routing: "021000021", cents: 1, sec: .tel, recording: "0123456789ABCDEF")])
        }
    }

    @Test("a PPD addenda carries the payment information and points at its entry")
    func addenda() throws {
        let file = try Self.build()
        let i = file.records.firstIndex { $0.contains("ANN O'BRIEN") }!
        let addenda = file.records[i + 1]
        #expect(addenda.hasPrefix("705CANDOR ACCOUNT A-1001 PLAN INSTALLMENT 3"))
        #expect(addenda.suffix(11) == "0001" + file.records[i].suffix(7))
        #expect(file.records[i].dropFirst(78).prefix(1) == "1")
    }

    @Test("the same input gives the same bytes; trace numbers map back to input order")
    func deterministic() throws {
        let a = try Self.build(), b = try Self.build()
        #expect(a.text == b.text)
        #expect(a.records[0] == "101 091000019123456789026030914" + "05A094101" + "FIRST EXAMPLE BANK     CANDOR COLLECTIONS             ")
        #expect(a.traceNumbers == ["091000010000004", "091000010000001", "091000010000003", "091000010000002"])
    }

    @Test("credits and debits mixed in one batch use service class 200")
    func mixed() throws {
        let file = try Self.build([Self.entry("A", routing: "021000021", cents: 500, sec: .ppd),
                                   Self.entry("B", routing: "021000021", cents: 200, sec: .ppd, direction: .credit)])
        #expect(file.batches.first?.serviceClassCode == "200")
        #expect(file.totalCredit == Money(cents: 200))
        #expect(NachaRecount(file.records).problems == [])
        let credits = try Self.build([Self.entry("B", routing: "021000021", cents: 200, sec: .ppd, direction: .credit)])
        #expect(credits.batches.first?.serviceClassCode == "220")
    }

    @Test("bad input is refused before anything is written")
    func badInput() {
        #expect(throws: NachaError.noEntries) { try Self.build([]) }
        #expect(throws: NachaError.nonPositiveAmount(entry: 0, .zero)) {
            try Self.build([Self.entry("X", routing: "021000021", cents: 0, sec: .ppd)])
        }
        #expect(throws: NachaError.amountTooLarge(entry: 0, Money(cents: 10_000_000_000))) {
            try Self.build([Self.entry("X", routing: "021000021", cents: 10_000_000_000, sec: .ppd)])
        }
        #expect(throws: NachaError.accountNumber(entry: 0, "123456789012345678")) {
            try Self.build([Self.entry("X", routing: "021000021", account: "123456789012345678", cents: 1, sec: .ppd)])
        }
        #expect(throws: NachaError.effectiveDateBeforeCreation(effective: F.day("2026-03-08"), created: F.day("2026-03-09"))) {
            try NachaFile.build(originator: Self.originator, effectiveDate: F.day("2026-03-08"), stamp: Self.stamp, entries: Self.sample)
        }
        #expect(throws: NachaError.invalidStamp("file ID modifier 'a' must be A–Z or 0–9")) {
            try NachaFile.build(originator: Self.originator, effectiveDate: F.day("2026-03-10"),
                                stamp: NachaFileStamp(date: F.day("2026-03-09"), hour: 1, minute: 0, fileIDModifier: "a"), entries: Self.sample)
        }
    }

    @Test("random files always recount exactly (seeded)")
    func property() throws {
        var rng = PlanRandom(seed: 94)
        let routings = ["021000021", "011000015", "322271627", "111000025", "091000019"]
        for _ in 0..<60 {
            let entries = (0..<Int.random(in: 1...35, using: &rng)).map { i in
                let sec = NachaSECCode.allCases.randomElement(using: &rng)!
                return Self.entry("Name \(i)", routing: routings.randomElement(using: &rng)!, cents: Int64.random(in: 1...9_999_999, using: &rng),
                                  sec: sec, type: Bool.random(using: &rng) ? .checking : .savings,
                                  recording: sec == .tel ? "R\(i)" : nil,
                                  info: sec != .tel && Bool.random(using: &rng) ? "info \(i)" : nil,
                                  direction: sec != .tel && Int.random(in: 0..<5, using: &rng) == 0 ? .credit : .debit)
            }
            let file = try Self.build(entries)
            let recount = NachaRecount(file.records)
            #expect(recount.problems == [])
            #expect(recount.fileDebit == file.totalDebit.cents && recount.fileCredit == file.totalCredit.cents)
            #expect(file.totalDebit + file.totalCredit == entries.reduce(Money.zero) { $0 + $1.amount })
        }
    }

    // MARK: the `ach` package from PyPI

    static let checkScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../scripts/nacha/check.py").standardizedFileURL

    static var pythonWithAch: Bool {
        FileManager.default.fileExists(atPath: checkScript.path) && (try? run(["python3", "-c", "import ach.parser"]).status) == 0
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

    @Test("the PyPI `ach` package parses the file and scripts/nacha/check.py confirms every total",
          .enabled(if: pythonWithAch, "needs python3 with the PyPI package ach (pip install ach)"))
    func achPackage() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("candor-nacha-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good.ach")
        try Self.build().text.write(to: good, atomically: true, encoding: .ascii)
        let ok = try Self.run(["python3", Self.checkScript.path, good.path])
        #expect(ok.status == 0, "\(ok.output)")
        #expect(ok.output.contains("checked: batches=3 entries=4 entry_addenda=5 entry_hash=46527167 debit_cents=69946 credit_cents=0 blocks=2"))

        // The checker is not a rubber stamp: a tampered amount fails it.
        var records = try Self.build().records
        let i = records.firstIndex { $0.contains("BO LI") }!
        records[i] = String(records[i].prefix(29)) + "0000007502" + String(records[i].dropFirst(39))
        let bad = dir.appendingPathComponent("bad.ach")
        try (records.joined(separator: "\n") + "\n").write(to: bad, atomically: true, encoding: .ascii)
        let failed = try Self.run(["python3", Self.checkScript.path, bad.path])
        #expect(failed.status == 1, "\(failed.output)")
        #expect(failed.output.contains("total debit"))
    }
}

@Suite("Bank account identity")
struct BankAccountIdentityTests {
    @Test("one bank account whatever its spaces, dashes and letter case; another routing number is another account")
    func sameAccount() throws {
        let routing = try RoutingNumber("011000015")
        let a = BankAccountIdentity(routing: routing, accountNumber: "0001-2345 6ab")
        #expect(a == BankAccountIdentity(routing: routing, accountNumber: "000123456AB"))
        #expect(a.accountNumber == "000123456AB" && a.last4 == "56AB" && a.masked == "****56AB")
        #expect(a != BankAccountIdentity(routing: try RoutingNumber("091000019"), accountNumber: "000123456AB"))
        // The lock key depends on the routing number and last four only, and is stable across runs.
        #expect(a.lockKey == BankAccountIdentity(routing: routing, accountNumber: "999956ab").lockKey)
        #expect(BankAccountIdentity(routing: "011000015", accountNumber: "6789").lockKey == -965_484_239) // FNV-1a of "011000015|6789"
    }
}
