import CandorCore
import CandorStore
import Foundation
import Testing

/// The shared example folder beside the repository (`../shared`), when present.
let sharedExamples: URL? = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let dir = root.deletingLastPathComponent().appendingPathComponent("shared/examples")
    return FileManager.default.fileExists(atPath: dir.path) ? dir : nil
}()

let testCipher = try! FieldCipher(base64Key: FieldCipher.generateBase64Key())
/// Pinned: "not in the future" rules and ledger dates are checked against this day.
let pinnedNow = Date(timeIntervalSince1970: 1_780_000_000) // 2026-05-28

func temporaryFile(_ contents: String, name: String = "placement.csv") throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("candor-csv-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try Data(contents.utf8).write(to: url)
    return url
}

func demoCSV(rows: Int, seed: UInt64 = 7) -> String {
    let generator = DemoPlacementGenerator(seed: seed, today: LocalDate(year: 2026, month: 5, day: 28)!)
    var csv = generator.header + "\n"
    for i in 0..<rows { csv += generator.row(i) + "\n" }
    return csv
}

func accountCount(_ db: CandorDatabase) async throws -> Int {
    try await db.sql.raw("SELECT COUNT(*) AS n FROM accounts").first()!.decode(column: "n", as: Int.self)
}

@Suite("Placement import")
struct PlacementImportTests {
    @Test("the shared example imports 3 rows, rejects line 5's balance and counts 1 duplicate",
          .enabled(if: sharedExamples != nil, "../shared/examples is not beside the repository"),
          arguments: TestDatabase.available)
    func sharedExample(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db, clock: { pinnedNow })
            _ = try await store.addClient(code: "ACME", name: "Acme Bank")
            let file = sharedExamples!.appendingPathComponent("placements-small.csv")
            let summary = try await PlacementImporter(store: store, cipher: testCipher).importFile(path: file.path, clientCode: "ACME")
            #expect(summary.rows == 5)
            #expect(summary.accepted == 3)
            #expect(summary.rejected == 1)
            #expect(summary.duplicates == 1)
            #expect(summary.errors.map(\.line) == [5])
            #expect(summary.errors.map(\.column) == ["current_balance"])
            #expect(try await accountCount(db) == 3)
        }
    }

    @Test("sending the same file again imports nothing twice", arguments: TestDatabase.available)
    func rerunIsIdempotent(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db, clock: { pinnedNow })
            _ = try await store.addClient(code: "ACME", name: "Acme Bank")
            let file = try temporaryFile(demoCSV(rows: 1200))
            let importer = PlacementImporter(store: store, cipher: testCipher, batchSize: 100)
            let first = try await importer.importFile(path: file.path, clientCode: "ACME")
            #expect(first.accepted == 1200)
            let second = try await importer.importFile(path: file.path, clientCode: "ACME")
            #expect(second.accepted == 0)
            #expect(second.duplicates == 1200)
            #expect(second.placementID == first.placementID)
            #expect(try await accountCount(db) == 1200)
        }
    }

    @Test("an import stopped mid-file leaves whole batches, and a re-run completes it", arguments: TestDatabase.available)
    func crashMidFileThenResume(_ kind: TestDatabase) async throws {
        struct SimulatedCrash: Error {}
        try await kind.with { db in
            let store = SQLStore(database: db, clock: { pinnedNow })
            _ = try await store.addClient(code: "ACME", name: "Acme Bank")
            let file = try temporaryFile(demoCSV(rows: 1000, seed: 11))
            let crashing = PlacementImporter(store: store, cipher: testCipher, batchSize: 150, afterBatch: { batches in
                if batches == 3 { throw SimulatedCrash() }
            })
            await #expect(throws: SimulatedCrash.self) {
                _ = try await crashing.importFile(path: file.path, clientCode: "ACME")
            }
            #expect(try await accountCount(db) == 450)
            let resumed = try await PlacementImporter(store: store, cipher: testCipher, batchSize: 150)
                .importFile(path: file.path, clientCode: "ACME")
            #expect(resumed.accepted == 550)
            #expect(resumed.duplicates == 450)
            #expect(try await accountCount(db) == 1000)
            let ledgerTotal = try await db.sql.raw("""
                SELECT COUNT(*) AS n FROM accounts a WHERE a.balance_cents <> a.itemization_amount_cents +
                  COALESCE((SELECT SUM(amount_cents) FROM ledger_entries e WHERE e.account_id = a.id), 0)
                """).first()!.decode(column: "n", as: Int.self)
            #expect(ledgerTotal == 0, "every account's balance equals itemization amount + its ledger")
        }
    }

    @Test("a file that is not UTF-8 imports nothing, naming the line", arguments: TestDatabase.available)
    func notUTF8(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db, clock: { pinnedNow })
            _ = try await store.addClient(code: "ACME", name: "Acme Bank")
            var bytes = Data(demoCSV(rows: 700).utf8)
            bytes.append(contentsOf: [0x41, 0xFF, 0x0A])
            let url = try temporaryFile("")
            try bytes.write(to: url)
            do {
                _ = try await PlacementImporter(store: store, cipher: testCipher, batchSize: 100).importFile(path: url.path, clientCode: "ACME")
                Issue.record("expected the file to be refused")
            } catch let error as PlacementImportError {
                #expect(error.description.contains("line 702"))
                #expect(error.description.contains("UTF-8"))
            }
            #expect(try await accountCount(db) == 0)
        }
    }

    @Test("a file without a required column imports nothing", arguments: TestDatabase.available)
    func missingColumn(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db, clock: { pinnedNow })
            _ = try await store.addClient(code: "ACME", name: "Acme Bank")
            let url = try temporaryFile("account_number,first_name\nA1,Ann\n")
            await #expect(throws: PlacementImportError.self) {
                _ = try await PlacementImporter(store: store, cipher: testCipher).importFile(path: url.path, clientCode: "ACME")
            }
            #expect(try await accountCount(db) == 0)
        }
    }

    @Test("an unknown client code is refused", arguments: TestDatabase.available)
    func unknownClient(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db, clock: { pinnedNow })
            let url = try temporaryFile(demoCSV(rows: 3))
            do {
                _ = try await PlacementImporter(store: store, cipher: testCipher).importFile(path: url.path, clientCode: "NOPE")
                Issue.record("expected unknown client")
            } catch let error as PlacementImportError {
                #expect(error.description.contains("NOPE"))
            }
        }
    }

    @Test("SSNs are stored encrypted and shown masked", arguments: TestDatabase.available)
    func ssnEncrypted(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db, clock: { pinnedNow })
            _ = try await store.addClient(code: "ACME", name: "Acme Bank")
            let csv = """
                account_number,first_name,last_name,ssn,itemization_date_type,itemization_date,itemization_amount,current_balance
                S-1,Ana,Ruiz,123-45-6789,charge_off,2025-12-31,100.00,100.00

                """
            let url = try temporaryFile(csv)
            _ = try await PlacementImporter(store: store, cipher: testCipher).importFile(path: url.path, clientCode: "ACME")
            let row = try await db.sql.raw("SELECT ssn_encrypted, ssn_last4 FROM consumers").first()!
            let stored = try row.decode(column: "ssn_encrypted", as: String.self)
            #expect(!stored.contains("123456789"))
            #expect(try testCipher.decrypt(stored) == "123456789")
            let page = try await store.accounts(AccountQuery(search: "ruiz"))
            let detail = try await store.account(id: page.accounts[0].id)
            #expect(detail?.consumer.ssnMasked == "***-**-6789")
        }
    }
}

@Suite("Accounts search")
struct AccountSearchTests {
    @Test("accounts are found by name, account number and phone", arguments: TestDatabase.available)
    func search(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db, clock: { pinnedNow })
            _ = try await store.addClient(code: "ACME", name: "Acme Bank")
            let csv = """
                account_number,first_name,last_name,phone1,itemization_date_type,itemization_date,itemization_amount,fees_since,current_balance
                AC-77,María,Lopez,(617) 555-0142,charge_off,2025-12-31,100.00,5.25,105.25
                BX-12,John,Smith,,charge_off,2025-12-31,50.00,0,50.00

                """
            _ = try await PlacementImporter(store: store, cipher: testCipher).importFile(path: try temporaryFile(csv).path, clientCode: "ACME")
            #expect(try await store.accounts(AccountQuery(search: "lopez")).accounts.map(\.clientAccountNumber) == ["AC-77"])
            #expect(try await store.accounts(AccountQuery(search: "BX-")).accounts.map(\.clientAccountNumber) == ["BX-12"])
            #expect(try await store.accounts(AccountQuery(search: "617.555.0142")).accounts.map(\.clientAccountNumber) == ["AC-77"])
            #expect(try await store.accounts(AccountQuery(search: "100%")).accounts.isEmpty)
            let all = try await store.accounts(AccountQuery(limit: 1))
            #expect(all.accounts.count == 1 && all.hasMore)
            let detail = try #require(try await store.account(id: all.accounts[0].id))
            #expect(detail.ledger.balance == detail.account.itemization.balanceAtPlacement)
        }
    }

    @Test("adding a client twice is refused", arguments: TestDatabase.available)
    func duplicateClient(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db)
            _ = try await store.addClient(code: "ACME", name: "Acme Bank")
            await #expect(throws: StoreError.clientExists("ACME")) {
                _ = try await store.addClient(code: "ACME", name: "Other")
            }
        }
    }

    @Test("migrations are recorded and re-running them changes nothing", arguments: TestDatabase.available)
    func migrationsIdempotent(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let version = try await db.schemaVersion()
            let applied = try await db.migrate()
            #expect(version == Migrations.latestVersion)
            #expect(applied.isEmpty)
        }
    }
}

@Suite("Placement import: text round trip")
struct PlacementTextRoundTripTests {
    @Test("quotes, backslashes, commas and accents come back exactly as sent", arguments: TestDatabase.available)
    func roundTrip(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db, clock: { pinnedNow })
            _ = try await store.addClient(code: "ACME", name: "Acme Bank")
            let csv = #"""
                account_number,first_name,last_name,address_line1,city,itemization_date_type,itemization_date,itemization_amount,current_balance
                Q\1,Zoë,O'Brien,"12 ""Back\Slash"" Rd, Apt 4",Mañana,charge_off,2025-12-31,10.00,10.00

                """#
            let summary = try await PlacementImporter(store: store, cipher: testCipher).importFile(path: try temporaryFile(csv).path, clientCode: "ACME")
            #expect(summary.accepted == 1)
            let id = try await store.accounts(AccountQuery(search: "o'brien")).accounts[0].id
            let detail = try #require(try await store.account(id: id))
            #expect(detail.account.clientAccountNumber == #"Q\1"#)
            #expect(detail.consumer.firstName == "Zoë")
            #expect(detail.consumer.addresses.first?.line1 == #"12 "Back\Slash" Rd, Apt 4"#)
            #expect(detail.consumer.addresses.first?.city == "Mañana")
        }
    }
}

@Suite("Placement import: deferred search indexes")
struct DeferredIndexTests {
    static func searchIndexes(_ db: CandorDatabase) async throws -> Set<String> {
        Set(try await db.sql.raw("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%_idx'").all()
            .map { try $0.decode(column: "name", as: String.self) })
    }

    @Test("a large import on SQLite rebuilds the search indexes it set aside, even when it is stopped mid-file")
    func indexesComeBack() async throws {
        struct SimulatedCrash: Error {}
        try await TestDatabase.sqlite.with { db in
            let store = SQLStore(database: db, clock: { pinnedNow })
            _ = try await store.addClient(code: "ACME", name: "Acme Bank")
            let before = try await Self.searchIndexes(db)
            #expect(before.contains("consumer_phones_e164_idx"))
            let file = try temporaryFile(demoCSV(rows: 900, seed: 3))
            let crashing = PlacementImporter(store: store, cipher: testCipher, batchSize: 200, afterBatch: { batches in
                if batches == 2 { throw SimulatedCrash() }
            }, deferIndexesFromBytes: 0)
            await #expect(throws: SimulatedCrash.self) { _ = try await crashing.importFile(path: file.path, clientCode: "ACME") }
            #expect(try await Self.searchIndexes(db) == before)
            let summary = try await PlacementImporter(store: store, cipher: testCipher, batchSize: 200, deferIndexesFromBytes: 0)
                .importFile(path: file.path, clientCode: "ACME")
            #expect(summary.accepted + summary.duplicates == 900)
            #expect(try await Self.searchIndexes(db) == before)
            // And a process killed between the two leaves repair to the next start: migrate() rebuilds.
            try await db.sql.raw("DROP INDEX consumers_name_idx").run()
            try await db.migrate()
            #expect(try await Self.searchIndexes(db) == before)
        }
    }
}
