import CandorCore
import Foundation
import SQLKit

/// Why an account is where it is in a work queue. Lower tiers come first.
public enum QueueReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// The consumer asked to be called back and the time has come.
    case callbackDue = "callback_due"
    /// A promise falls due today or is in its grace days.
    case promiseDue = "promise_due"
    /// A promise broke in the last 7 days: call while the conversation is fresh.
    case promiseBroken = "promise_broken"
    /// A payment plan is in grace or has a missed installment.
    case planAtRisk = "plan_at_risk"
    /// Everything else: larger balances first, then the most recently charged off.
    case balance

    public var tier: Int { QueueReason.allCases.firstIndex(of: self)! }

    public var label: String {
        switch self {
        case .callbackDue: return "Callback due"
        case .promiseDue: return "Promise due"
        case .promiseBroken: return "Promise broken"
        case .planAtRisk: return "Plan at risk"
        case .balance: return "Balance"
        }
    }
}

public struct WorkQueueItem: Sendable, Hashable, Codable {
    public var account: AccountSummary
    public var reason: QueueReason
    /// Username of the collector the account is assigned to; nil = the client's pool.
    public var assignedTo: String?
    /// Numbers that may be called now (the compliance engine's answer at `now`).
    public var callableNow: [String]
}

public struct WorkQueue: Sendable, Hashable, Codable {
    public var items: [WorkQueueItem]
    /// Candidates passed over because the compliance engine does not allow a call now.
    public var notCallableNow: Int
    public var generatedAt: Date
}

/// One collector on the supervisor's team board.
public struct TeamMember: Sendable, Hashable, Codable {
    public var username: String
    public var displayName: String
    public var assigned: Int
    public var dispositionsToday: Int
    public var rightPartyContactsToday: Int
    public var promisesToday: Int
}

public struct SupervisorLine: Sendable, Hashable, Codable {
    public var accountID: Account.ID
    public var consumerName: String
    public var clientCode: String
    /// What the line is about: a promise's or plan's status, or a disposition to review.
    public var what: String
    public var amount: Money?
    public var date: LocalDate?
    public var by: String
    /// The disposition to review (only in `toReview`).
    public var dispositionID: String?
}

public struct SupervisorSummary: Sendable, Hashable, Codable {
    public var today: LocalDate
    public var team: [TeamMember]
    public var promisesDueToday: [SupervisorLine]
    public var brokenPromises: [SupervisorLine]
    public var plansAtRisk: [SupervisorLine]
    public var toReview: [SupervisorLine]
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async throws -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

extension SQLStore {
    /// Account statuses that are worked.
    static let workedStatuses = "('open')"

    /// A collector's next accounts: the ones assigned to them and their clients' unassigned
    /// pool, ordered by `QueueReason` tier (callbacks due, promises due, promises broken in
    /// the last 8 days, plans at risk, then balance descending: own assignments first, then
    /// the pool), keeping only accounts with a number the compliance engine allows calling
    /// at `now`. At most `examine` candidates are checked.
    ///
    /// Tiers 1–4 start from the small tables (dispositions, promises, plans) through their
    /// indexes; tier 5 walks `accounts_queue_idx` (client, balance) per client, so a queue
    /// over a million accounts reads a few hundred rows, not the table.
    public func workQueue(for user: StoredUser, now: Date, limit: Int = 25, examine: Int = 400) async throws -> WorkQueue {
        let today = LocalDate(utcSecondsSinceEpoch: Int64(now.timeIntervalSince1970))
        let nowText = Timestamp.format(now)
        let scope = user.scope.codes
        /// The queue's columns for accounts reached through `from` (which names `a`), open,
        /// with a balance, mine or in the pool, within the user's clients.
        func candidates(from: String, _ condition: SQLQueryString, order: String) -> SQLQueryString {
            var q = SQLQueryString("""
                SELECT a.id, c.code AS client_code, a.client_account_number, n.first_name, n.last_name, n.state,
                       a.balance_cents, a.status, u.username AS assigned_to
                FROM \(unsafeRaw: from) JOIN consumers n ON n.id = a.consumer_id JOIN clients c ON c.id = a.client_id
                LEFT JOIN account_assignments s ON s.account_id = a.id LEFT JOIN users u ON u.id = s.user_id
                WHERE a.status IN \(unsafeRaw: Self.workedStatuses) AND a.balance_cents > 0
                  AND (s.user_id IS NULL OR s.user_id = \(bind: user.id))
                """)
            if let scope {
                q.appendInterpolation(unsafeRaw: " AND c.code IN (")
                Self.appendList(scope, to: &q)
                q.appendInterpolation(unsafeRaw: ")")
            }
            q += condition
            q.appendInterpolation(unsafeRaw: " ORDER BY \(order) LIMIT \(examine)")
            return q
        }
        var tiers: [(QueueReason, SQLQueryString)] = [
            (.callbackDue, candidates(from: "dispositions d JOIN accounts a ON a.id = d.account_id", """
                 AND d.callback_at IS NOT NULL AND d.callback_at <= \(bind: nowText)
                 AND NOT EXISTS (SELECT 1 FROM dispositions e WHERE e.account_id = d.account_id AND e.at > d.at)
                """, order: "d.callback_at")),
            (.promiseDue, candidates(from: "promises p JOIN accounts a ON a.id = p.account_id", """
                 AND p.status = 'pending' AND p.due_date <= \(bind: today.description)
                """, order: "p.due_date, a.balance_cents DESC")),
            (.promiseBroken, candidates(from: "promises p JOIN accounts a ON a.id = p.account_id", """
                 AND p.status IN ('broken', 'partially_kept') AND p.deadline >= \(bind: today.adding(days: -8).description)
                """, order: "p.deadline DESC, a.balance_cents DESC")),
            (.planAtRisk, candidates(from: "payment_plans p JOIN accounts a ON a.id = p.account_id", """
                 AND p.state IN ('at_risk', 'missed_installment')
                """, order: "a.balance_cents DESC")),
            (.balance, candidates(from: "account_assignments mine JOIN accounts a ON a.id = mine.account_id",
                                  " AND mine.user_id = \(bind: user.id)", order: "a.balance_cents DESC")),
        ]
        // The pool, client by client down the (client, balance) index, merged by balance.
        let poolClients = try await sql.raw("SELECT id, code FROM clients").all()
            .map { (try $0.decode(column: "id", as: String.self), try $0.decode(column: "code", as: String.self)) }
            .filter { scope?.contains($0.1) ?? true }
        for (clientID, _) in poolClients {
            tiers.append((.balance, candidates(from: "accounts a", """
                 AND a.client_id = \(bind: clientID) AND s.user_id IS NULL
                """, order: "a.balance_cents DESC")))
        }

        var seen = Set<String>()
        var candidates: [(AccountSummary, QueueReason, String?)] = []
        var pool: [(AccountSummary, QueueReason, String?)] = []
        for (index, (reason, query)) in tiers.enumerated() where candidates.count < examine {
            for row in try await sql.raw(query).all() {
                let summary = try Self.accountSummary(from: row)
                guard seen.insert(summary.id.rawValue).inserted else { continue }
                let item = (summary, reason, try row.decode(column: "assigned_to", as: String?.self))
                if index >= 5 { pool.append(item) } else { candidates.append(item) }
            }
        }
        candidates += pool.sorted { $0.0.balance > $1.0.balance }
        var items: [WorkQueueItem] = []
        var skipped = 0
        for (summary, reason, assigned) in candidates.prefix(examine) {
            guard items.count < limit else { break }
            let statuses = try await contactState(account: summary.id, now: now)?.contactability(now: now) ?? []
            let callable = statuses.filter { $0.point.channel == .phone && $0.allowed }.map { s -> String in
                if case .phone(let n) = s.point.address { return n.e164 }
                return ""
            }
            if callable.isEmpty { skipped += 1; continue }
            items.append(WorkQueueItem(account: summary, reason: reason, assignedTo: assigned, callableNow: callable))
        }
        return WorkQueue(items: items, notCallableNow: skipped, generatedAt: now)
    }

    static func accountSummary(from row: any SQLRow) throws -> AccountSummary {
        AccountSummary(
            id: Account.ID(try row.decode(column: "id", as: String.self)),
            clientCode: try row.decode(column: "client_code", as: String.self),
            clientAccountNumber: try row.decode(column: "client_account_number", as: String.self),
            consumerName: "\(try row.decode(column: "first_name", as: String.self)) \(try row.decode(column: "last_name", as: String.self))",
            state: try row.decode(column: "state", as: String?.self),
            balance: Money(cents: try row.decode(column: "balance_cents", as: Int64.self)),
            status: Account.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .open)
    }

    /// Assigns accounts to a user (nil: back to the client's pool), in one transaction. The
    /// user must be allowed to see every account's client; `within` is the assigning
    /// supervisor's scope (an account outside it is reported unknown).
    public func assign(accounts: [Account.ID], to username: String?, by actor: String, within scope: Set<String>?) async throws -> Int {
        guard !accounts.isEmpty else { throw CollectionsError.invalid(field: "accounts", message: "name at least one account") }
        guard accounts.count <= 5_000 else { throw CollectionsError.invalid(field: "accounts", message: "at most 5000 accounts at once") }
        let target: StoredUser? = try await username.asyncMap { name in
            guard let found = try await credentials(username: name)?.user else { throw CollectionsError.unknownUser(name) }
            return found
        }
        let now = clock(), kind = database.kind
        return try await database.transaction { db in
            for account in Set(accounts) {
                guard let row = try await db.raw("""
                    SELECT c.code FROM accounts a JOIN clients c ON c.id = a.client_id WHERE a.id = \(bind: account.rawValue)
                    """).first() else { throw StoreError.unknownAccount(account.rawValue) }
                let code = try row.decode(column: "code", as: String.self)
                if let scope, !scope.contains(code) { throw StoreError.unknownAccount(account.rawValue) }
                if let target, !target.scope.allows(code) { throw CollectionsError.unknownUser(target.username) }
                try await db.raw("DELETE FROM account_assignments WHERE account_id = \(bind: account.rawValue)").run()
                if let target {
                    try await db.insert(into: "account_assignments").columns("account_id", "user_id", "assigned_by", "assigned_at")
                        .values(account.rawValue, target.id, actor, Timestamp.format(now)).run()
                }
                try await Self.appendAudit(db, kind: kind, at: now, actor: actor, action: target == nil ? "account.unassign" : "account.assign",
                                           subject: "account:\(account.rawValue)", details: target.map { ["user": $0.username] } ?? [:])
            }
            return Set(accounts).count
        }
    }

    /// The supervisor's board for the clients in `scope` (nil: all): the team's day,
    /// promises due today, promises broken in the last 30 days, plans at risk, and
    /// dispositions waiting for review.
    public func supervisorSummary(scope: Set<String>?, now: Date) async throws -> SupervisorSummary {
        let today = LocalDate(utcSecondsSinceEpoch: Int64(now.timeIntervalSince1970))
        let dayStart = Timestamp.format(Date(timeIntervalSince1970: TimeInterval(today.daysSinceEpoch) * 86_400))
        func scoped(_ text: String) -> SQLQueryString {
            var q = SQLQueryString(stringLiteral: text)
            if let scope {
                q.appendInterpolation(unsafeRaw: " AND c.code IN (")
                Self.appendList(scope, to: &q)
                q.appendInterpolation(unsafeRaw: ")")
            }
            return q
        }
        let join = "FROM accounts a JOIN consumers n ON n.id = a.consumer_id JOIN clients c ON c.id = a.client_id"
        func lines(_ q: SQLQueryString, what: (any SQLRow) throws -> String) async throws -> [SupervisorLine] {
            try await sql.raw(q).all().map { r in
                SupervisorLine(accountID: Account.ID(try r.decode(column: "account_id", as: String.self)),
                               consumerName: "\(try r.decode(column: "first_name", as: String.self)) \(try r.decode(column: "last_name", as: String.self))",
                               clientCode: try r.decode(column: "code", as: String.self), what: try what(r),
                               amount: try r.decode(column: "amount_cents", as: Int64?.self).map(Money.init(cents:)),
                               date: try r.decode(column: "day", as: String?.self).flatMap { try? LocalDate(parsing: $0) },
                               by: try r.decode(column: "by_user", as: String.self),
                               dispositionID: try r.decode(column: "disposition_id", as: String?.self))
            }
        }
        var q = scoped("""
            SELECT p.account_id, n.first_name, n.last_name, c.code, p.status, p.amount_cents, p.due_date AS day,
                   p.made_by AS by_user, NULL AS disposition_id
            \(join) JOIN promises p ON p.account_id = a.id WHERE p.due_date = '\(today.description)'
            """)
        q.appendInterpolation(unsafeRaw: " ORDER BY p.amount_cents DESC LIMIT 500")
        let dueToday = try await lines(q) { try $0.decode(column: "status", as: String.self) }
        q = scoped("""
            SELECT p.account_id, n.first_name, n.last_name, c.code, p.status, p.amount_cents - p.paid_cents AS amount_cents,
                   p.deadline AS day, p.made_by AS by_user, NULL AS disposition_id
            \(join) JOIN promises p ON p.account_id = a.id WHERE p.status IN ('broken', 'partially_kept')
              AND p.deadline >= '\(today.adding(days: -30).description)'
            """)
        q.appendInterpolation(unsafeRaw: " ORDER BY p.deadline DESC LIMIT 500")
        let broken = try await lines(q) { try $0.decode(column: "status", as: String.self) }
        q = scoped("""
            SELECT p.account_id, n.first_name, n.last_name, c.code, p.state, p.total_cents AS amount_cents,
                   p.agreed_on AS day, p.agreed_by AS by_user, NULL AS disposition_id
            \(join) JOIN payment_plans p ON p.account_id = a.id WHERE p.state IN ('at_risk', 'missed_installment', 'defaulted')
              AND p.evaluated_on >= '\(today.adding(days: -30).description)'
            """)
        q.appendInterpolation(unsafeRaw: " ORDER BY p.state, p.total_cents DESC LIMIT 500")
        let atRisk = try await lines(q) { try $0.decode(column: "state", as: String.self) }
        q = scoped("""
            SELECT d.account_id, n.first_name, n.last_name, c.code, d.disposition, NULL AS amount_cents,
                   NULL AS day, d.recorded_by AS by_user, d.id AS disposition_id
            \(join) JOIN dispositions d ON d.account_id = a.id WHERE d.needs_review AND d.reviewed_at IS NULL
            """)
        q.appendInterpolation(unsafeRaw: " ORDER BY d.at LIMIT 500")
        let review = try await lines(q) { try $0.decode(column: "disposition", as: String.self) }

        // The team: users who may work any client in scope (admins excluded); two grouped
        // queries for everyone's numbers, not two per user.
        var assigned: [String: Int] = [:]
        for r in try await sql.raw("SELECT user_id, COUNT(*) AS n FROM account_assignments GROUP BY user_id").all() {
            assigned[try r.decode(column: "user_id", as: String.self)] = try r.decode(column: "n", as: Int.self)
        }
        var day: [String: (total: Int, rpc: Int, promises: Int)] = [:]
        for r in try await sql.raw("""
            SELECT recorded_by, disposition, COUNT(*) AS n FROM dispositions WHERE at >= \(bind: dayStart)
            GROUP BY recorded_by, disposition
            """).all() {
            let n = try r.decode(column: "n", as: Int.self)
            let d = Disposition(rawValue: try r.decode(column: "disposition", as: String.self))
            var counts = day[try r.decode(column: "recorded_by", as: String.self)] ?? (0, 0, 0)
            counts.total += n
            if d?.isRightPartyContact == true { counts.rpc += n }
            if d == .promise { counts.promises += n }
            day[try r.decode(column: "recorded_by", as: String.self)] = counts
        }
        let team = try await users().filter { user in
            user.role != .admin && (scope.map { !$0.isDisjoint(with: user.clientCodes) } ?? true)
        }.map { user in
            let counts = day[user.id] ?? (0, 0, 0)
            return TeamMember(username: user.username, displayName: user.displayName, assigned: assigned[user.id] ?? 0,
                              dispositionsToday: counts.total, rightPartyContactsToday: counts.rpc, promisesToday: counts.promises)
        }
        return SupervisorSummary(today: today, team: team, promisesDueToday: dueToday, brokenPromises: broken,
                                 plansAtRisk: atRisk, toReview: review)
    }
}
