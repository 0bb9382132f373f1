import CandorCore
import Foundation
import SQLKit

extension SQLStore {
    /// The eligible-now list. Built for a million accounts: one streamed row per account
    /// carries its phones, flags and recent history packed as text (one column decoded per
    /// row instead of one row per phone and per attempt), and the engine decides in memory.
    public func eligibleNow(_ request: EligibleNowRequest, engine: ComplianceEngine = .standard) async throws -> EligibleNowResult {
        let optOuts = try await optOutsByConsumer()
        let windows = try await windowsByConsumer()
        let since = Timestamp.format(request.now.addingTimeInterval(-contactHistoryLookback))
        let until = Timestamp.format(request.now)
        let pg = database.kind == .postgres
        let agg = pg ? "string_agg" : "group_concat"
        var q = SQLQueryString("""
            SELECT a.id || '|' || a.consumer_id || '|' || a.balance_cents || '|' || coalesce(n.state, '') || '|' ||
              coalesce(n.postal_code, '') || '|' || \(unsafeRaw: pg ? "CASE WHEN n.employer_prohibits_contact THEN '1' ELSE '0' END" : "n.employer_prohibits_contact") || '|' ||
              a.itemization_date || '|' ||
              coalesce((SELECT \(unsafeRaw: agg)(p.e164 || ' ' || p.line_type || ' ' || \(unsafeRaw: pg ? "CASE WHEN p.autodialer_consent THEN '1' ELSE '0' END" : "p.autodialer_consent") || ' ' || p.place, ';')
                        FROM consumer_phones p WHERE p.consumer_id = a.consumer_id), '') || '|' ||
              coalesce((SELECT \(unsafeRaw: agg)(f.flag, ',') FROM account_flags f WHERE f.account_id = a.id AND f.cleared_at IS NULL), '') || '|' ||
              coalesce((SELECT \(unsafeRaw: agg)(x.at || ' ' || x.channel || ' ' || x.direction || ' ' || x.outcome || ' ' || x.place, ';')
                        FROM contact_attempt_accounts x WHERE x.account_id = a.id AND x.at >= \(bind: since) AND x.at <= \(bind: until)), '')
              AS packed
            FROM accounts a JOIN consumers n ON n.id = a.consumer_id
            """)
        if let code = request.clientCode {
            q.appendInterpolation(unsafeRaw: " JOIN clients c ON c.id = a.client_id WHERE a.status = 'open' AND c.code = ")
            q.appendInterpolation(bind: code)
        } else {
            q.appendInterpolation(unsafeRaw: " WHERE a.status = 'open'")
        }
        let collector = EligibleCollector(request: request, engine: engine, optOuts: optOuts, windows: windows)
        try await sql.execute(sql: q) { row in
            guard let packed = try? row.decode(column: "packed", as: String.self) else { return }
            collector.consume(packed)
        }
        return collector.result()
    }

    func optOutsByConsumer() async throws -> [String: [OptOut]] {
        var out: [String: [OptOut]] = [:]
        for r in try await sql.raw("SELECT consumer_id, channel, address FROM consumer_opt_outs").all() {
            guard let channel = ContactChannel(rawValue: try r.decode(column: "channel", as: String.self)) else { continue }
            out[try r.decode(column: "consumer_id", as: String.self), default: []]
                .append(OptOut(channel: channel, address: try r.decode(column: "address", as: String.self)))
        }
        return out
    }

    func windowsByConsumer() async throws -> [String: [InconvenientWindow]] {
        var out: [String: [InconvenientWindow]] = [:]
        for r in try await sql.raw("SELECT consumer_id, days, from_time, to_time FROM consumer_inconvenient_times").all() {
            guard let days = WindowText.days(try r.decode(column: "days", as: String.self)),
                  let f = WindowText.minute(try r.decode(column: "from_time", as: String.self)),
                  let t = WindowText.minute(try r.decode(column: "to_time", as: String.self)),
                  let window = InconvenientWindow(days: days, fromMinute: f, toMinute: t) else { continue }
            out[try r.decode(column: "consumer_id", as: String.self), default: []].append(window)
        }
        return out
    }
}

/// Decides each streamed account as it arrives. Rows arrive one at a time from the driver's
/// callback, so the lock is uncontended; it only makes the class safe to hand to it.
final class EligibleCollector: @unchecked Sendable {
    let request: EligibleNowRequest
    let engine: ComplianceEngine
    let optOuts: [String: [OptOut]]
    let windows: [String: [InconvenientWindow]]
    private let lock = NSLock()
    private var eligible: [(EligibleContact, sortKey: Int64)] = []
    private var accounts = 0
    private var numbers = 0
    private var refused: [ContactReason: Int] = [:]

    init(request: EligibleNowRequest, engine: ComplianceEngine, optOuts: [String: [OptOut]], windows: [String: [InconvenientWindow]]) {
        self.request = request; self.engine = engine; self.optOuts = optOuts; self.windows = windows
    }

    func consume(_ packed: String) {
        let f = packed.split(separator: "|", omittingEmptySubsequences: false)
        guard f.count == 10, let balance = Int64(f[2]) else { return }
        let accountID = String(f[0]), consumerID = String(f[1])
        var flags = AccountFlags()
        for name in f[8].split(separator: ",") { if let flag = AccountFlag(rawValue: String(name)) { flags.insert(AccountFlags(flag)) } }
        let account = ContactAccount(id: accountID, state: f[3].isEmpty ? nil : USStateCode(String(f[3])),
                                     postalCode: f[4].isEmpty ? nil : ZIPCode(String(f[4].prefix(5))), flags: flags,
                                     inconvenientTimes: windows[consumerID] ?? [], optOuts: optOuts[consumerID] ?? [],
                                     employerProhibitsContact: f[5] == "1" || f[5] == "true")
        var history: [ContactEvent] = []
        var lastTried: Int64 = 0
        for item in f[9].split(separator: ";") {
            let p = item.split(separator: " ")
            guard p.count == 5, let at = Timestamp.parse(String(p[0])), let channel = ContactChannel(rawValue: String(p[1])),
                  let outcome = ContactOutcome(rawValue: String(p[3])) else { continue }
            lastTried = max(lastTried, Int64(at.timeIntervalSince1970))
            history.append(ContactEvent(at: at, channel: channel, direction: ContactDirection(rawValue: String(p[2])) ?? .outbound,
                                        outcome: outcome, place: ContactPlace(rawValue: String(p[4])) ?? .personal,
                                        accounts: [accountID]))
        }
        let proposed = ProposedContact(channel: .phone, dialing: request.dialing)
        var found: [(EligibleContact, Int64)] = []
        var localRefused: [ContactReason] = []
        var localNumbers = 0
        for phone in f[7].split(separator: ";") {
            let p = phone.split(separator: " ")
            guard p.count == 4, let number = NANPNumber(e164: String(p[0])) else { continue }
            localNumbers += 1
            let lineType = LineType(rawValue: String(p[1])) ?? .unknown
            let point = ContactPoint(channel: .phone, address: .phone(number), lineType: lineType,
                                     place: ContactPlace(rawValue: String(p[3])) ?? .personal,
                                     autodialerConsent: p[2] == "1" || p[2] == "true")
            let decision = engine.decide(ContactRequest(now: request.now, account: account, contactPoint: point,
                                                        history: history, proposed: proposed))
            if decision.allowed {
                let key: Int64
                switch request.priority {
                case .balanceDescending: key = -balance
                case .balanceAscending: key = balance
                case .oldestDebt: key = Int64((try? LocalDate(parsing: f[6]))?.daysSinceEpoch ?? 0)
                case .leastRecentlyTried: key = lastTried
                }
                found.append((EligibleContact(accountID: Account.ID(accountID), consumerID: Consumer.ID(consumerID),
                                              number: number.e164, lineType: lineType, balance: Money(cents: balance)), key))
            } else {
                localRefused.append(contentsOf: decision.reasons.sorted)
            }
        }
        lock.lock()
        accounts += 1
        numbers += localNumbers
        eligible.append(contentsOf: found.map { ($0.0, sortKey: $0.1) })
        for reason in localRefused { refused[reason, default: 0] += 1 }
        lock.unlock()
    }

    func result() -> EligibleNowResult {
        lock.lock()
        defer { lock.unlock() }
        // Stable order for equal keys: account id, then number.
        let sorted = eligible.sorted {
            ($0.sortKey, $0.0.accountID.rawValue, $0.0.number) < ($1.sortKey, $1.0.accountID.rawValue, $1.0.number)
        }
        let list = sorted.map(\.0)
        return EligibleNowResult(eligible: request.limit.map { Array(list.prefix($0)) } ?? list, accountsConsidered: accounts,
                                 numbersConsidered: numbers, refusedByReason: refused)
    }
}
