import CandorCore
import CandorStore
import Foundation

/// `candor serve --demo`: a demo client and 500 accounts, so a newcomer sees a working product.
public enum DemoData {
    public static let clientCode = "DEMO"
    public static let rows = 500

    /// Loads the demo only into an empty database (no clients yet). Returns whether it did.
    public static func loadIfEmpty(services: AppServices, seed: UInt64 = 2026) async throws -> Bool {
        guard try await services.store.clients().isEmpty else { return false }
        _ = try await services.store.addClient(code: clientCode, name: "Demo Bank (sample data)")
        let today = LocalDate(utcSecondsSinceEpoch: Int64(services.clock().timeIntervalSince1970))
        let generator = DemoPlacementGenerator(seed: seed, today: today)
        var csv = generator.header + "\n"
        for i in 0..<rows { csv += generator.row(i) + "\n" }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("candor-demo-\(UUID().uuidString).csv")
        try Data(csv.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        _ = try await PlacementImporter(store: services.store, cipher: services.cipher)
            .importFile(path: file.path, clientCode: clientCode, displayName: "demo-placement.csv")
        return true
    }

    /// A morning's worth of work by `userID` on the demo accounts, so the queue, the account
    /// pages and the supervisor board have something to show: promises due today and later,
    /// a callback, a cease request and an attorney waiting for review, a hardship, notes.
    public static func addActivity(services: AppServices, by userID: String) async throws {
        let store = services.store
        let accounts = try await store.accounts(AccountQuery(clientCode: clientCode, limit: 40)).accounts
        guard accounts.count >= 12 else { return }
        let now = services.clock()
        let today = LocalDate(utcSecondsSinceEpoch: Int64(now.timeIntervalSince1970))
        func record(_ i: Int, _ d: Disposition, promise: (Int64, Int)? = nil, callbackHours: Double? = nil, budget: Budget? = nil,
                    note: String? = nil) async throws {
            let balance = accounts[i].balance.cents
            _ = try await store.recordDisposition(DispositionInput(
                accountID: accounts[i].id, disposition: d, callbackAt: callbackHours.map { now.addingTimeInterval($0 * 3600) },
                promiseAmount: promise.map { Money(cents: min($0.0, balance)) }, promiseDueDate: promise.map { today.adding(days: $0.1) },
                budget: budget, note: note, recordedBy: userID))
        }
        try await record(0, .promise, promise: (5_000, 0), note: "Pays today by phone.")
        try await record(1, .promise, promise: (12_500, 0))
        try await record(2, .promise, promise: (7_500, 5), note: "Payday on Friday.")
        try await record(3, .callbackRequested, callbackHours: 2, note: "At a doctor's appointment; call back this afternoon.")
        try await record(4, .ceaseRequest, note: "Asked us to stop calling; letter to follow.")
        try await record(5, .attorney, note: "Gave the name of her attorney.")
        try await record(6, .hardship, budget: try Budget(monthlyIncome: Money(cents: 180_000),
                                                          expenses: EssentialExpenses(housing: Money(cents: 110_000), food: Money(cents: 45_000))),
                         note: "Lost hours at work; offered a counseling referral.")
        try await record(7, .noAnswer)
        try await record(8, .voicemail)
        try await record(9, .rightPartyContact, note: "Will think about a plan.")
        _ = try await store.addNote(account: accounts[9].id, body: "Prefers email for the plan details.", by: userID)
    }
}
