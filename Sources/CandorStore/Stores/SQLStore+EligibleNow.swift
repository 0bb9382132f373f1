import CandorCore
import Foundation
import SQLKit

extension SQLStore {
    /// The eligible-now list. Built for a million accounts: each account's phones, flags and
    /// recent history come packed as one line of text (not a row per phone and per attempt),
    /// streamed a row per account on PostgreSQL and 4,096 lines per row on SQLite, and the
    /// engine decides them in memory on other threads.
    public func eligibleNow(_ request: EligibleNowRequest, engine: ComplianceEngine = .standard) async throws -> EligibleNowResult {
        try await eligibleNow(request, engine: engine, chunk: Self.eligibleChunk)
    }

    /// `chunk`: accounts per SQLite row (tests read a few accounts in several chunks).
    func eligibleNow(_ request: EligibleNowRequest, engine: ComplianceEngine, chunk chunkSize: Int) async throws -> EligibleNowResult {
        let optOuts = try await optOutsByConsumer()
        let windows = try await windowsByConsumer()
        // Reg F counts 7 local days (9 UTC days cover any zone); a state rule with a longer
        // window (Massachusetts: 30 days) needs more, but only for consumers in that state.
        let longRules = engine.stateRules.rules.filter { max($0.personalWindowDays, $0.otherWindowDays) > 7 }
        let longDays = (longRules.map { max($0.personalWindowDays, $0.otherWindowDays) }.max() ?? 0) + 2
        let shortSince = Timestamp.format(request.now.addingTimeInterval(-9 * 86_400))
        let longSince = Timestamp.format(request.now.addingTimeInterval(-Double(longDays) * 86_400))
        let longStates = Array(Set(longRules.map(\.state)))
        let until = Timestamp.format(request.now)
        let pg = database.kind == .postgres
        let agg = pg ? "string_agg" : "group_concat"
        /// One packed row per open account, the client's only when a client is named.
        func accountsQuery(_ columns: String) -> SQLQueryString {
            var q = SQLQueryString("""
                SELECT \(unsafeRaw: columns)a.id || '|' || a.consumer_id || '|' || a.balance_cents || '|' || coalesce(n.state, '') || '|' ||
                  coalesce(n.postal_code, '') || '|' || \(unsafeRaw: pg ? "CASE WHEN n.employer_prohibits_contact THEN '1' ELSE '0' END" : "n.employer_prohibits_contact") || '|' ||
                  a.itemization_date || '|' ||
                  coalesce((SELECT \(unsafeRaw: agg)(p.e164 || ' ' || p.line_type || ' ' || \(unsafeRaw: pg ? "CASE WHEN p.autodialer_consent THEN '1' ELSE '0' END" : "p.autodialer_consent") || ' ' || p.place, ';')
                            FROM consumer_phones p WHERE p.consumer_id = a.consumer_id), '') || '|' ||
                  coalesce((SELECT \(unsafeRaw: agg)(f.flag, ',') FROM account_flags f WHERE f.account_id = a.id AND f.cleared_at IS NULL), '') || '|' ||
                  coalesce((SELECT \(unsafeRaw: agg)(x.at || ' ' || x.channel || ' ' || x.direction || ' ' || x.outcome || ' ' || x.place, ';')
                            FROM contact_attempt_accounts x WHERE x.account_id = a.id AND x.at <= \(bind: until)
                              AND x.at >= CASE WHEN n.state IN (\(binds: longStates.isEmpty ? ["--"] : longStates)) THEN \(bind: longSince) ELSE \(bind: shortSince) END), '')
                  AS packed
                FROM accounts a JOIN consumers n ON n.id = a.consumer_id
                """)
            if let code = request.clientCode {
                // `|| ''` keeps the planner on the accounts key, in id order: through the work
                // queue's (client, balance) index it would visit every account out of order and
                // sort a million rows (measured on SQLite: 20 s instead of 6 s).
                q.appendInterpolation(unsafeRaw: " JOIN clients c ON c.id = a.client_id || '' WHERE a.status = 'open' AND c.code = ")
                q.appendInterpolation(bind: code)
            } else {
                q.appendInterpolation(unsafeRaw: " WHERE a.status = 'open'")
            }
            return q
        }
        let collector = EligibleCollector(request: request, engine: engine, optOuts: optOuts, windows: windows)
        // The database produces rows while other threads decide them, a chunk at a time. In
        // account order: equal priorities then come out in the same order every time.
        let work = DispatchGroup()
        if pg {
            var q = accountsQuery("")
            q.appendInterpolation(unsafeRaw: " ORDER BY a.id")
            let chunks = ChunkBuffer(size: 4096) { chunk, firstRow in
                work.enter()
                DispatchQueue.global().async {
                    for (i, packed) in chunk.enumerated() { collector.consume(packed, row: firstRow + i) }
                    work.leave()
                }
            }
            try await sql.execute(sql: q) { row in
                guard let packed = try? row.decode(column: "packed", as: String.self) else { return }
                chunks.append(packed)
            }
            chunks.flush()
        } else {
            // SQLite hands each row from its thread to the event loop with a wake-up of its own
            // (a million of them were a fifth of the time, in the kernel): read 4,096 accounts
            // per row instead, joined by newlines (packed rows hold none), walking the
            // accounts key from the last id read.
            var after = "", firstRow = 0
            while true {
                var q = SQLQueryString("SELECT group_concat(packed, char(10) ORDER BY id) AS chunk, max(id) AS last, count(*) AS n FROM (")
                q += accountsQuery("a.id AS id, ")
                q.appendInterpolation(unsafeRaw: " AND a.id > ")
                q.appendInterpolation(bind: after)
                q.appendInterpolation(unsafeRaw: " ORDER BY a.id LIMIT \(chunkSize)) AS chunk_rows")
                guard let row = try await sql.raw(q).first(), let n = try row.decode(column: "n", as: Int?.self), n > 0,
                      let chunk = try row.decode(column: "chunk", as: String?.self), let last = try row.decode(column: "last", as: String?.self)
                else { break }
                let from = firstRow
                work.enter()
                DispatchQueue.global().async {
                    collector.consume(lines: chunk, firstRow: from)
                    work.leave()
                }
                firstRow += n
                after = last
                if n < chunkSize { break }
            }
        }
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            work.notify(queue: .global()) { done.resume() }
        }
        return collector.result()
    }

    /// Accounts per SQLite row of the eligible-now list.
    static let eligibleChunk = 4096

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

/// Collects streamed rows and hands them on in chunks, with the position of the chunk's
/// first row in the query's order.
final class ChunkBuffer: @unchecked Sendable {
    private let size: Int
    private let handOff: (_ chunk: [String], _ firstRow: Int) -> Void
    private let lock = NSLock()
    private var buffer: [String] = []
    private var rowsHandedOff = 0

    init(size: Int, handOff: @escaping (_ chunk: [String], _ firstRow: Int) -> Void) {
        self.size = size; self.handOff = handOff
        buffer.reserveCapacity(size)
    }

    func append(_ item: String) {
        lock.lock()
        buffer.append(item)
        let full = buffer.count >= size ? buffer : nil
        let first = rowsHandedOff
        if full != nil { buffer = []; buffer.reserveCapacity(size); rowsHandedOff += size }
        lock.unlock()
        if let full { handOff(full, first) }
    }

    func flush() {
        lock.lock()
        let rest = buffer
        let first = rowsHandedOff
        buffer = []
        rowsHandedOff += rest.count
        lock.unlock()
        if !rest.isEmpty { handOff(rest, first) }
    }
}

/// Decides streamed accounts, from several threads at once (the lock guards the totals).
/// The packed row is read as bytes: splitting Strings by Character cost more than the
/// database and the engine together.
final class EligibleCollector: @unchecked Sendable {
    let request: EligibleNowRequest
    let engine: ComplianceEngine
    let optOuts: [String: [OptOut]]
    let windows: [String: [InconvenientWindow]]
    private let lock = NSLock()
    private var eligible: [(contact: EligibleContact, sortKey: Int64, order: Int)] = []
    private var accounts = 0
    private var numbers = 0
    private var refused: [ContactReason: Int] = [:]

    init(request: EligibleNowRequest, engine: ComplianceEngine, optOuts: [String: [OptOut]], windows: [String: [InconvenientWindow]]) {
        self.request = request; self.engine = engine; self.optOuts = optOuts; self.windows = windows
    }

    /// Packed rows joined by newlines, the first at position `firstRow` (split as bytes: a
    /// String split by Character cost a fifth of the list).
    func consume(lines: String, firstRow: Int) {
        var lines = lines
        lines.withUTF8 { bytes in
            for (i, line) in Self.split(bytes[...], on: 0x0A).enumerated() {
                consume(bytes: UnsafeBufferPointer(rebasing: line), row: firstRow + i)
            }
        }
    }

    /// `row`: the row's position in the query's order, so equal priorities keep that order.
    func consume(_ packed: String, row: Int) {
        var packed = packed
        packed.withUTF8 { consume(bytes: $0, row: row) }
    }

    private func consume(bytes: UnsafeBufferPointer<UInt8>, row: Int) {
        let f = Self.split(bytes[...], on: 0x7C)
        guard f.count == 10, let balance = Int64(Self.string(f[2])) else { return }
        let accountID = Self.string(f[0]), consumerID = Self.string(f[1])
        var flags = AccountFlags()
        for name in Self.split(f[8], on: 0x2C) where !name.isEmpty {
            if let flag = AccountFlag(rawValue: Self.string(name)) { flags.insert(AccountFlags(flag)) }
        }
        let account = ContactAccount(id: accountID, state: f[3].isEmpty ? nil : USStateCode(Self.string(f[3])),
                                     postalCode: f[4].isEmpty ? nil : ZIPCode(Self.string(f[4].prefix(5))), flags: flags,
                                     inconvenientTimes: windows[consumerID] ?? [], optOuts: optOuts[consumerID] ?? [],
                                     employerProhibitsContact: f[5].first == UInt8(ascii: "1") || f[5].first == UInt8(ascii: "t"))
        // One array shared by every event of this account (copy-on-write: no allocation each).
        let about = [accountID]
        var history: [ContactEvent] = []
        var lastTried: Int64 = 0
        for item in Self.split(f[9], on: 0x3B) where !item.isEmpty {
            let p = Self.split(item, on: 0x20)
            guard p.count == 5, let at = Timestamp.parse(bytes: UnsafeBufferPointer(rebasing: p[0])),
                  let channel = ContactChannel(rawValue: Self.string(p[1])),
                  let outcome = ContactOutcome(rawValue: Self.string(p[3])) else { continue }
            lastTried = max(lastTried, Int64(at.timeIntervalSince1970))
            history.append(ContactEvent(at: at, channel: channel,
                                        direction: p[2].first == UInt8(ascii: "i") ? .inbound : .outbound,
                                        outcome: outcome, place: ContactPlace(rawValue: Self.string(p[4])) ?? .personal,
                                        accounts: about))
        }
        let proposed = ProposedContact(channel: .phone, dialing: request.dialing)
        var found: [(EligibleContact, Int64)] = []
        // A number stored twice (say, with and without consent) is listed only if every stored
        // copy allows the call: the gate at dial time applies the same rule.
        var refusedNumbers: Set<String> = []
        var localRefused: [ContactReason] = []
        var localNumbers = 0
        for phone in Self.split(f[7], on: 0x3B) where !phone.isEmpty {
            let p = Self.split(phone, on: 0x20)
            guard p.count == 4, let number = NANPNumber(e164: Self.string(p[0])) else { continue }
            localNumbers += 1
            let lineType = LineType(rawValue: Self.string(p[1])) ?? .unknown
            let point = ContactPoint(channel: .phone, address: .phone(number), lineType: lineType,
                                     place: ContactPlace(rawValue: Self.string(p[3])) ?? .personal,
                                     autodialerConsent: p[2].first == UInt8(ascii: "1") || p[2].first == UInt8(ascii: "t"))
            let decision = engine.decide(ContactRequest(now: request.now, account: account, contactPoint: point,
                                                        history: history, proposed: proposed))
            if decision.allowed {
                guard !found.contains(where: { $0.0.number == number.e164 }) else { continue }
                let key: Int64
                switch request.priority {
                case .balanceDescending: key = -balance
                case .balanceAscending: key = balance
                case .oldestDebt: key = Int64((try? LocalDate(parsing: Self.string(f[6])))?.daysSinceEpoch ?? 0)
                case .leastRecentlyTried: key = lastTried
                }
                found.append((EligibleContact(accountID: Account.ID(accountID), consumerID: Consumer.ID(consumerID),
                                              number: number.e164, lineType: lineType, balance: Money(cents: balance)), key))
            } else {
                refusedNumbers.insert(number.e164)
                localRefused.append(contentsOf: decision.reasons.sorted)
            }
        }
        if !refusedNumbers.isEmpty { found.removeAll { refusedNumbers.contains($0.0.number) } }
        lock.lock()
        accounts += 1
        numbers += localNumbers
        for (i, (contact, key)) in found.enumerated() { eligible.append((contact, key, row * 16 + i)) }
        for reason in localRefused { refused[reason, default: 0] += 1 }
        lock.unlock()
    }

    static func split(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, on separator: UInt8) -> [Slice<UnsafeBufferPointer<UInt8>>] {
        var parts: [Slice<UnsafeBufferPointer<UInt8>>] = []
        var start = bytes.startIndex
        var i = start
        while i < bytes.endIndex {
            if bytes[i] == separator {
                parts.append(bytes[start..<i])
                start = i + 1
            }
            i += 1
        }
        parts.append(bytes[start..<bytes.endIndex])
        return parts
    }

    static func string(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self)
    }

    func result() -> EligibleNowResult {
        lock.lock()
        defer { lock.unlock() }
        // Equal keys keep the query's order (account id): a stable, reproducible list.
        let sorted = eligible.sorted { ($0.sortKey, $0.order) < ($1.sortKey, $1.order) }
        let list = sorted.map(\.contact)
        return EligibleNowResult(eligible: request.limit.map { Array(list.prefix($0)) } ?? list, accountsConsidered: accounts,
                                 numbersConsidered: numbers, refusedByReason: refused)
    }
}
