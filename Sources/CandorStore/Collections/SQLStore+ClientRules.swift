import CandorCore
import Foundation
import SQLKit

extension SQLStore {
    /// The client's collection rules; `ClientRules.standard` when none were set.
    public func clientRules(clientCode code: String) async throws -> ClientRules {
        guard let client = try await client(code: code.uppercased()) else { throw StoreError.unknownClient(code.uppercased()) }
        return try await Self.clientRules(sql, clientID: client.id.rawValue)
    }

    /// Replaces a client's rules; audited with the old and new JSON.
    public func setClientRules(_ rules: ClientRules, clientCode code: String, by actor: String) async throws {
        guard let client = try await client(code: code.uppercased()) else { throw StoreError.unknownClient(code.uppercased()) }
        try Self.validate(rules)
        let json = try Self.rulesJSON(rules)
        let kind = database.kind, now = clock()
        try await database.transaction { db in
            try await db.raw("DELETE FROM client_rules WHERE client_id = \(bind: client.id.rawValue)").run()
            try await db.insert(into: "client_rules").columns("client_id", "rules_json", "updated_at", "updated_by")
                .values(client.id.rawValue, json, Timestamp.format(now), actor).run()
            try await Self.appendAudit(db, kind: kind, at: now, actor: actor, action: "client.rules",
                                       subject: "client:\(client.code)", details: ["rules": json])
        }
    }

    static func validate(_ rules: ClientRules) throws {
        guard rules.minimumInstallment > .zero, rules.minimumInstallment <= Budget.maximumMonthlyAmount else {
            throw CollectionsError.invalid(field: "minimum_installment_cents",
                                           message: "the minimum installment must be more than zero and at most \(Budget.maximumMonthlyAmount.formatted)")
        }
        guard rules.maximumTermMonths <= 120 else {
            throw CollectionsError.invalid(field: "maximum_term_months", message: "the maximum term must be 1 to 120 months")
        }
        let parts = rules.waterfall.order
        guard Set(parts).count == 3, parts.count == 3 else {
            throw CollectionsError.invalid(field: "waterfall", message: "the allocation waterfall must name fees, interest and principal once each")
        }
    }

    static func clientRules(_ db: any SQLDatabase, clientID: String) async throws -> ClientRules {
        guard let row = try await db.raw("SELECT rules_json FROM client_rules WHERE client_id = \(bind: clientID)").first() else {
            return .standard
        }
        return try JSONDecoder().decode(ClientRules.self, from: Data(try row.decode(column: "rules_json", as: String.self).utf8))
    }

    static func clientRules(_ db: any SQLDatabase, account: Account.ID) async throws -> ClientRules {
        guard let row = try await db.raw("SELECT client_id FROM accounts WHERE id = \(bind: account.rawValue)").first() else {
            throw StoreError.unknownAccount(account.rawValue)
        }
        return try await clientRules(db, clientID: try row.decode(column: "client_id", as: String.self))
    }

    static func rulesJSON(_ rules: ClientRules) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(rules), as: UTF8.self)
    }
}
