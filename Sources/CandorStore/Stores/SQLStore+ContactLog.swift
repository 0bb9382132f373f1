import CandorCore
import Foundation
import SQLKit

extension SQLStore {
    /// Records an attempt and the debts it was about, in one transaction. Every attempt is
    /// logged, including no-answer, busy, machine and abandoned: Reg F counts them.
    @discardableResult
    public func recordAttempt(_ input: ContactAttemptInput) async throws -> String {
        guard !input.accountIDs.isEmpty else { throw ContactLogError.noAccounts }
        guard input.outcome.isValid(for: input.channel) else {
            throw ContactLogError.outcomeDoesNotFitChannel(input.outcome, input.channel)
        }
        let id = Self.newID()
        let created = clock()
        try await database.transaction { db in try await Self.insertAttempt(db, id: id, input, created: created) }
        return id
    }

    /// Writes one attempt and its accounts with `db` (inside the caller's transaction).
    static func insertAttempt(_ db: any SQLDatabase, id: String, _ input: ContactAttemptInput, created: Date) async throws {
        let at = Timestamp.format(input.at)
        var check = SQLQueryString("SELECT id FROM accounts WHERE consumer_id <> ")
        check.appendInterpolation(bind: input.consumerID.rawValue)
        check.appendInterpolation(unsafeRaw: " AND id IN (")
        check.appendInterpolation(binds: input.accountIDs.map(\.rawValue))
        check.appendInterpolation(unsafeRaw: ")")
        if let other = try await db.raw(check).first() {
            throw ContactLogError.accountOfAnotherConsumer(try other.decode(column: "id", as: String.self))
        }
        try await db.insert(into: "contact_attempts")
            .columns("id", "consumer_id", "at", "channel", "direction", "outcome", "address", "place", "source",
                     "recorded_by", "created_at")
            .values(id, input.consumerID.rawValue, at, input.channel.rawValue, input.direction.rawValue,
                    input.outcome.rawValue, input.address, input.place.rawValue, input.source, input.recordedBy,
                    Timestamp.format(created))
            .run()
        let rows = db.insert(into: "contact_attempt_accounts")
            .columns("account_id", "at", "attempt_id", "channel", "direction", "outcome", "place")
        for account in Set(input.accountIDs) {
            rows.values(account.rawValue, at, id, input.channel.rawValue, input.direction.rawValue,
                        input.outcome.rawValue, input.place.rawValue)
        }
        try await rows.run()
    }

    /// Sets a flag (who and when are kept); setting one already set changes nothing.
    public func setFlag(_ flag: AccountFlag, on account: Account.ID, by actor: String, reason: String? = nil) async throws {
        let now = clock()
        _ = try await database.transaction { db in
            try await Self.insertFlag(db, flag, on: account, by: actor, reason: reason, now: now)
        }
    }

    /// Sets a flag with `db` unless it is already set. Returns whether it was newly set.
    @discardableResult
    static func insertFlag(_ db: any SQLDatabase, _ flag: AccountFlag, on account: Account.ID, by actor: String,
                           reason: String?, now: Date) async throws -> Bool {
        let active = try await db.raw("""
            SELECT id FROM account_flags WHERE account_id = \(bind: account.rawValue) AND flag = \(bind: flag.rawValue)
            AND cleared_at IS NULL
            """).first()
        guard active == nil else { return false }
        try await db.insert(into: "account_flags").columns("id", "account_id", "flag", "set_at", "set_by", "reason")
            .values(newID(), account.rawValue, flag.rawValue, Timestamp.format(now), actor, reason).run()
        return true
    }

    public func clearFlag(_ flag: AccountFlag, on account: Account.ID, by actor: String) async throws {
        try await sql.raw("""
            UPDATE account_flags SET cleared_at = \(bind: Timestamp.format(clock())), cleared_by = \(bind: actor)
            WHERE account_id = \(bind: account.rawValue) AND flag = \(bind: flag.rawValue) AND cleared_at IS NULL
            """).run()
    }

    /// `address` `*` opts out of the whole channel.
    public func addOptOut(consumer: Consumer.ID, channel: ContactChannel, address: String, source: String) async throws {
        try await sql.insert(into: "consumer_opt_outs").columns("id", "consumer_id", "channel", "address", "at", "source")
            .values(Self.newID(), consumer.rawValue, channel.rawValue, address, Timestamp.format(clock()), source).run()
    }

    /// A time the consumer said is inconvenient, in their local time (`from` inclusive, `to` exclusive).
    public func addInconvenientTime(consumer: Consumer.ID, days: String, from: String, to: String, source: String) async throws {
        guard let daySet = WindowText.days(days) else { throw ContactLogError.invalidWindow("days must be mon..sun, comma separated") }
        guard let f = WindowText.minute(from), let t = WindowText.minute(to),
              InconvenientWindow(days: daySet, fromMinute: f, toMinute: t) != nil else {
            throw ContactLogError.invalidWindow("from and to must be different HH:MM times")
        }
        try await sql.insert(into: "consumer_inconvenient_times")
            .columns("id", "consumer_id", "days", "from_time", "to_time", "at", "source")
            .values(Self.newID(), consumer.rawValue, WindowText.days(daySet), WindowText.time(f), WindowText.time(t),
                    Timestamp.format(clock()), source).run()
    }

    /// Records a consent change for a number and applies it to the consumer's phone.
    public func setConsent(consumer: Consumer.ID, number: PhoneNumber, consent: Bool, source: String, by actor: String?) async throws {
        try await database.transaction { db in
            try await db.insert(into: "consent_changes").columns("id", "consumer_id", "e164", "consent", "at", "source", "recorded_by")
                .values(Self.newID(), consumer.rawValue, number.e164, consent, Timestamp.format(self.clock()), source, actor).run()
            try await db.raw("""
                UPDATE consumer_phones SET autodialer_consent = \(bind: consent)
                WHERE consumer_id = \(bind: consumer.rawValue) AND e164 = \(bind: number.e164)
                """).run()
        }
    }

    public func setEmployerProhibitsContact(consumer: Consumer.ID, _ prohibits: Bool) async throws {
        try await sql.raw("UPDATE consumers SET employer_prohibits_contact = \(bind: prohibits) WHERE id = \(bind: consumer.rawValue)").run()
    }

    /// The stored state of one account as the compliance engine reads it, with the history
    /// that can still matter at `now`.
    public func contactState(account id: Account.ID, now: Date) async throws -> StoredContactState? {
        guard let row = try await sql.raw("""
            SELECT a.id, a.consumer_id, n.state, n.postal_code, n.email, n.address_line1, n.employer_prohibits_contact
            FROM accounts a JOIN consumers n ON n.id = a.consumer_id WHERE a.id = \(bind: id.rawValue)
            """).first() else { return nil }
        let consumerID = try row.decode(column: "consumer_id", as: String.self)
        let flags = try await sql.raw("""
            SELECT flag FROM account_flags WHERE account_id = \(bind: id.rawValue) AND cleared_at IS NULL
            """).all().compactMap { AccountFlag(rawValue: try $0.decode(column: "flag", as: String.self)) }
        let optOuts = try await sql.raw("SELECT channel, address FROM consumer_opt_outs WHERE consumer_id = \(bind: consumerID)")
            .all().compactMap { r -> OptOut? in
                guard let channel = ContactChannel(rawValue: try r.decode(column: "channel", as: String.self)) else { return nil }
                return OptOut(channel: channel, address: try r.decode(column: "address", as: String.self))
            }
        let windows = try await sql.raw("SELECT days, from_time, to_time FROM consumer_inconvenient_times WHERE consumer_id = \(bind: consumerID)")
            .all().compactMap { r -> InconvenientWindow? in
                guard let days = WindowText.days(try r.decode(column: "days", as: String.self)),
                      let f = WindowText.minute(try r.decode(column: "from_time", as: String.self)),
                      let t = WindowText.minute(try r.decode(column: "to_time", as: String.self)) else { return nil }
                return InconvenientWindow(days: days, fromMinute: f, toMinute: t)
            }
        let account = ContactAccount(
            id: id.rawValue,
            state: try row.decode(column: "state", as: String?.self).flatMap(USStateCode.init),
            postalCode: try row.decode(column: "postal_code", as: String?.self).flatMap { ZIPCode(String($0.prefix(5))) },
            flags: AccountFlags(flags), inconvenientTimes: windows, optOuts: optOuts,
            employerProhibitsContact: try row.decode(column: "employer_prohibits_contact", as: Bool.self))
        var points = try await sql.raw("""
            SELECT e164, line_type, autodialer_consent, place FROM consumer_phones WHERE consumer_id = \(bind: consumerID) ORDER BY position
            """).all().compactMap { r -> ContactPoint? in
                guard let number = NANPNumber(e164: try r.decode(column: "e164", as: String.self)) else { return nil }
                return ContactPoint(channel: .phone, address: .phone(number),
                                    lineType: LineType(rawValue: try r.decode(column: "line_type", as: String.self)) ?? .unknown,
                                    place: ContactPlace(rawValue: try r.decode(column: "place", as: String.self)) ?? .personal,
                                    autodialerConsent: try r.decode(column: "autodialer_consent", as: Bool.self))
            }
        if let email = try row.decode(column: "email", as: String?.self) {
            points.append(ContactPoint(channel: .email, address: ContactAddress(channel: .email, raw: email)))
        }
        if let line1 = try row.decode(column: "address_line1", as: String?.self) {
            points.append(ContactPoint(channel: .letter, address: ContactAddress(channel: .letter, raw: line1)))
        }
        let history = try await self.history(accounts: [id.rawValue], since: now.addingTimeInterval(-contactHistoryLookback), until: now)
        return StoredContactState(consumerID: Consumer.ID(consumerID), account: account, points: points, history: history)
    }

    /// Contact events about the given accounts in [since, until], one per attempt (an
    /// attempt about several of these accounts lists them all).
    func history(accounts: [String], since: Date, until: Date) async throws -> [ContactEvent] {
        var q = SQLQueryString("""
            SELECT c.id, c.at, c.channel, c.direction, c.outcome, c.place, x.account_id
            FROM contact_attempt_accounts x JOIN contact_attempts c ON c.id = x.attempt_id
            WHERE x.account_id IN (
            """)
        q.appendInterpolation(binds: accounts)
        q.appendInterpolation(unsafeRaw: ") AND x.at >= ")
        q.appendInterpolation(bind: Timestamp.format(since))
        q.appendInterpolation(unsafeRaw: " AND x.at <= ")
        q.appendInterpolation(bind: Timestamp.format(until))
        q.appendInterpolation(unsafeRaw: " ORDER BY c.at, c.id")
        var events: [String: ContactEvent] = [:]
        var order: [String] = []
        for r in try await sql.raw(q).all() {
            let attempt = try r.decode(column: "id", as: String.self)
            let account = try r.decode(column: "account_id", as: String.self)
            if events[attempt] != nil { events[attempt]!.accounts.append(account); continue }
            guard let at = Timestamp.parse(try r.decode(column: "at", as: String.self)),
                  let channel = ContactChannel(rawValue: try r.decode(column: "channel", as: String.self)),
                  let outcome = ContactOutcome(rawValue: try r.decode(column: "outcome", as: String.self)) else { continue }
            events[attempt] = ContactEvent(
                at: at, channel: channel,
                direction: ContactDirection(rawValue: try r.decode(column: "direction", as: String.self)) ?? .outbound,
                outcome: outcome, place: ContactPlace(rawValue: try r.decode(column: "place", as: String.self)) ?? .personal,
                accounts: [account])
            order.append(attempt)
        }
        return order.compactMap { events[$0] }
    }
}
