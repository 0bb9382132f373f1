import CandorCore
import CandorSpeech
import Foundation
import SQLKit

public enum AccountEventStatus: String, Sendable, Codable, CaseIterable { case pending, confirmed, dismissed }

/// One row an event wrote at once to the stores the compliance engine reads.
struct EventEffect: Codable, Sendable, Equatable {
    /// `flag` (account_flags row) or `inconvenient_time` (consumer_inconvenient_times row).
    var type: String
    var id: String
    var flag: String?
    /// A flag that stands in for "calls paused pending review".
    var pause: Bool?

    var summary: String {
        switch type {
        case "flag": return pause == true ? "calls paused pending review (\(flag ?? "") flag)" : "\(flag ?? "") flag pending review"
        default: return "inconvenient time recorded"
        }
    }

    static func encode(_ effects: [EventEffect]) -> String {
        String(decoding: (try? JSONEncoder().encode(effects)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func decode(_ text: String) -> [EventEffect] { (try? JSONDecoder().decode([EventEffect].self, from: Data(text.utf8))) ?? [] }
}

public enum AccountEventError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownEvent(String)
    case alreadyReviewed(String, AccountEventStatus)

    public var description: String {
        switch self {
        case .unknownEvent(let id): return "no account event \(id)"
        case .alreadyReviewed(let id, let status): return "account event \(id) was already reviewed (\(status.rawValue))"
        }
    }
}

public enum ReviewDecision: String, Sendable, Codable { case confirm, dismiss }

extension SQLStore {
    /// What an event does at once, before anyone reviews it. Conservative (when in doubt,
    /// calls stop until a person has read the words):
    /// - cease request, bankruptcy, an inconvenient time we cannot read: calls paused. The pause
    ///   is a `cease` flag row set by `speech-analytics`, so the engine refuses calls, texts and
    ///   email with CEASE_COMMUNICATION (the contract's closed list of flags has no other
    ///   "stop until reviewed"); letters stay possible.
    /// - attorney: `attorney` flag (1692c(a)(2): no direct contact once we know of counsel).
    /// - dispute: `dispute_pending` flag (1692g(b): collection waits for verification).
    /// - inconvenient time we can read: the window recorded (1006.6(b)(1)).
    /// - hardship: nothing is stopped; the review offers a plan and counseling.
    static func applyInterimEffects(_ db: any SQLDatabase, kind: AccountEventKind, finding: Finding, account: String,
                                    recording: String, now: Date) async throws -> [EventEffect] {
        let why = "pending review: \(finding.code.rawValue) heard on recording \(recording)"
        func flag(_ f: AccountFlag, pause: Bool) async throws -> EventEffect {
            let id = newID()
            try await db.insert(into: "account_flags").columns("id", "account_id", "flag", "set_at", "set_by", "reason")
                .values(id, account, f.rawValue, Timestamp.format(now), speechAnalyticsActor,
                        pause ? "calls paused \(why)" : why).run()
            return EventEffect(type: "flag", id: id, flag: f.rawValue, pause: pause ? true : nil)
        }
        switch kind {
        case .ceaseRequest, .bankruptcy: return [try await flag(.cease, pause: true)]
        case .attorney: return [try await flag(.attorney, pause: false)]
        case .dispute: return [try await flag(.disputePending, pause: false)]
        case .hardship: return []
        case .inconvenientTime:
            guard let windows = InconvenientTimeReading.windows(from: finding.text) else { return [try await flag(.cease, pause: true)] }
            guard let consumer = try await db.raw("SELECT consumer_id FROM accounts WHERE id = \(bind: account)").first()?
                .decode(column: "consumer_id", as: String.self) else { return [] }
            var effects: [EventEffect] = []
            for w in windows {
                let id = newID()
                try await db.insert(into: "consumer_inconvenient_times")
                    .columns("id", "consumer_id", "days", "from_time", "to_time", "at", "source")
                    .values(id, consumer, w.days.joined(separator: ","), w.from, w.to, Timestamp.format(now), speechAnalyticsActor).run()
                effects.append(EventEffect(type: "inconvenient_time", id: id))
            }
            return effects
        }
    }

    /// A compliance user's review. Confirm: a paused cease request becomes the `cease` flag,
    /// a paused bankruptcy the `bankruptcy` flag, an attorney or dispute flag is set again in
    /// the reviewer's name; dismiss: the event's own rows are undone (other flags stay).
    /// Audited with the reviewer; an event is reviewed once. `reviewer` is the user's ID, as
    /// every actor column stores it (dispositions, payments, audit); views show the username.
    public func reviewAccountEvent(id: String, decision: ReviewDecision, note: String?, by reviewer: String) async throws -> AccountEventView {
        let now = clock(), kind = database.kind
        try await database.transaction { db in
            // Locked on PostgreSQL: a confirm and a dismiss at once must not both pass the check.
            guard let row = try await db.raw("""
                SELECT * FROM account_events WHERE id = \(bind: id)\(unsafeRaw: kind == .postgres ? " FOR UPDATE" : "")
                """).first() else {
                throw AccountEventError.unknownEvent(id)
            }
            let status = AccountEventStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .pending
            guard status == .pending else { throw AccountEventError.alreadyReviewed(id, status) }
            let account = try row.decode(column: "account_id", as: String.self)
            let eventKind = AccountEventKind(rawValue: try row.decode(column: "kind", as: String.self))
            let effects = EventEffect.decode(try row.decode(column: "interim_effects", as: String.self))
            let at = Timestamp.format(now)
            var done: [String] = []
            // An inconvenient time we could not read paused calls; confirming it must not
            // resume them before someone records the window (12 CFR 1006.6(b)(1)(i)).
            let keepPause = decision == .confirm && eventKind == .inconvenientTime
                && !effects.contains { $0.type == "inconvenient_time" }
            for e in effects where e.type == "flag" && !keepPause {
                // Confirming keeps a window; every interim flag is replaced (confirm) or lifted (dismiss).
                try await db.raw("""
                    UPDATE account_flags SET cleared_at = \(bind: at), cleared_by = \(bind: reviewer)
                    WHERE id = \(bind: e.id) AND cleared_at IS NULL
                    """).run()
                done.append(e.pause == true ? "pause lifted" : "\(e.flag ?? "") interim flag cleared")
            }
            if decision == .dismiss {
                for e in effects where e.type == "inconvenient_time" {
                    try await db.raw("DELETE FROM consumer_inconvenient_times WHERE id = \(bind: e.id)").run()
                    done.append("inconvenient time removed")
                }
            } else {
                let confirmed: AccountFlag?
                switch eventKind {
                case .ceaseRequest: confirmed = .cease
                case .attorney: confirmed = .attorney
                case .bankruptcy: confirmed = .bankruptcy
                case .dispute: confirmed = .disputePending
                case .hardship, .inconvenientTime, .none: confirmed = nil
                }
                if let flag = confirmed {
                    let set = try await Self.insertFlag(db, flag, on: Account.ID(account), by: reviewer,
                                                        reason: "confirmed from account event \(id)", now: now)
                    done.append(set ? "\(flag.rawValue) flag set" : "\(flag.rawValue) flag already set")
                }
                if eventKind == .hardship { done.append("affordable plan review and credit counseling offer confirmed") }
                if eventKind == .inconvenientTime {
                    done.append(keepPause ? "calls stay paused until the consumer's inconvenient time is recorded on the account"
                                : "inconvenient time kept")
                }
            }
            try await db.raw("""
                UPDATE account_events SET status = \(bind: decision == .confirm ? AccountEventStatus.confirmed.rawValue : AccountEventStatus.dismissed.rawValue),
                    reviewed_at = \(bind: at), reviewed_by = \(bind: reviewer), review_note = \(bind: note)
                WHERE id = \(bind: id)
                """).run()
            try await Self.appendAudit(db, kind: kind, at: now, actor: reviewer, action: "account_event.\(decision.rawValue)",
                                       subject: "account:\(account)",
                                       details: ["event": id, "kind": eventKind?.rawValue ?? "", "note": note ?? "", "did": done.joined(separator: "; ")])
        }
        return try await accountEvent(id: id)!
    }
}
