import CandorCore
import CandorStore
import Foundation

/// Replays every dialer attempt in the contact log through the compliance engine at its own
/// moment, with the account's flags as they stood then and every earlier (or same-second)
/// contact as history: the strictest reading of "what the engine knew when it dialed".
struct Replay {
    struct Refusal: CustomStringConvertible {
        var account: String, at: Date, reasons: [String]
        var description: String { "\(account) at \(Timestamp.format(at)): \(reasons)" }
    }
    var accounts = 0
    var attempts = 0
    var refusals: [Refusal] = []
    var outcomes: [String: Int] = [:]
    var byAccount: [String: [(id: String, event: ContactEvent, address: String?)]] = [:]

    func times(of account: String) -> [Double] {
        (byAccount[account] ?? []).map { $0.event.at.timeIntervalSince1970 }
    }

    static func mostCalledAccounts(_ db: CandorDatabase, limit: Int) async throws -> [String] {
        try await db.sql.raw("""
            SELECT account_id, COUNT(*) AS n FROM contact_attempt_accounts GROUP BY account_id ORDER BY n DESC, account_id LIMIT \(bind: limit)
            """).all().map { try $0.decode(column: "account_id", as: String.self) }
    }

    static func run(store: SQLStore, db: CandorDatabase, dialing: DialingMode) async throws -> Replay {
        var replay = Replay()
        let rows = try await db.sql.raw("""
            SELECT c.id, c.at, c.outcome, c.place, c.address, c.source, x.account_id
            FROM contact_attempts c JOIN contact_attempt_accounts x ON x.attempt_id = c.id ORDER BY c.at, c.id
            """).all()
        var dialerAttempts: [(id: String, account: String)] = []
        for r in rows {
            let id = try r.decode(column: "id", as: String.self), account = try r.decode(column: "account_id", as: String.self)
            let outcome = try r.decode(column: "outcome", as: String.self)
            let event = ContactEvent(at: Timestamp.parse(try r.decode(column: "at", as: String.self))!, channel: .phone,
                                     outcome: ContactOutcome(rawValue: outcome)!,
                                     place: ContactPlace(rawValue: try r.decode(column: "place", as: String.self))!, accounts: [account])
            replay.byAccount[account, default: []].append((id, event, try r.decode(column: "address", as: String?.self)))
            if try r.decode(column: "source", as: String.self) == "dialer" {
                dialerAttempts.append((id, account))
                replay.outcomes[outcome, default: 0] += 1
            }
        }
        var flags: [String: [(AccountFlag, Date, Date?)]] = [:]
        for r in try await db.sql.raw("SELECT account_id, flag, set_at, cleared_at FROM account_flags").all() {
            flags[try r.decode(column: "account_id", as: String.self), default: []].append((
                AccountFlag(rawValue: try r.decode(column: "flag", as: String.self))!,
                Timestamp.parse(try r.decode(column: "set_at", as: String.self))!,
                try r.decode(column: "cleared_at", as: String?.self).flatMap(Timestamp.parse)))
        }
        var states: [String: StoredContactState] = [:]
        for (id, account) in dialerAttempts {
            let mine = replay.byAccount[account]!
            let attempt = mine.first { $0.id == id }!
            let at = attempt.event.at
            if states[account] == nil {
                states[account] = try await store.contactState(account: Account.ID(account), now: at)
            }
            let state = states[account]!
            var contactAccount = state.account
            contactAccount.flags = AccountFlags((flags[account] ?? []).filter { $0.1 <= at && ($0.2 == nil || $0.2! > at) }.map(\.0))
            let history = mine.filter { $0.id != id && $0.event.at <= at }.map(\.event)
            // Every stored entry of the number must allow the call (a number may be stored twice).
            let points = state.points.filter { $0.channel == .phone && $0.address.phoneNumber?.e164 == attempt.address }
            if points.isEmpty { replay.refusals.append(Refusal(account: account, at: at, reasons: ["NUMBER_NOT_ON_FILE"])) }
            for point in points {
                let decision = ComplianceEngine.standard.decide(ContactRequest(
                    now: at, account: contactAccount, contactPoint: point, history: history,
                    proposed: ProposedContact(channel: .phone, dialing: dialing)))
                if !decision.allowed { replay.refusals.append(Refusal(account: account, at: at, reasons: decision.reasons.codes)) }
            }
        }
        replay.attempts = dialerAttempts.count
        replay.accounts = Set(dialerAttempts.map(\.account)).count
        return replay
    }
}
