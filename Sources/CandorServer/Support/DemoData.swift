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
}
