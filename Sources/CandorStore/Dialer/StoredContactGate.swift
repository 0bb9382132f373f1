import CandorCore
import CandorDialer
import Foundation

/// The compliance engine behind the dialer's `ContactGate`, deciding from stored state read
/// at the moment of dialing. `ContactGate.mayDial` is synchronous (the floor is), so the
/// runner calls `prepare` (the database read) immediately before `mayDial`, at the same
/// dialer instant; a number whose state was not read at that instant is refused, so a
/// stale state can never allow a call.
public final class StoredContactGate: ContactGate {
    let store: SQLStore
    let engine: ComplianceEngine
    let dialing: CandorCore.DialingMode
    private var prepared: [String: (at: Double, state: StoredContactState)] = [:]
    /// Accounts with a call on the line (ringing, on hold or with an agent): its outcome is
    /// not logged yet, and a second call could break 7-in-7 or the conversation wait.
    public internal(set) var accountsOnLine: Set<String> = []
    public private(set) var refusalsByReason: [String: Int] = [:]

    public init(store: SQLStore, dialing: CandorCore.DialingMode, engine: ComplianceEngine = .standard) {
        self.store = store
        self.dialing = dialing
        self.engine = engine
    }

    /// Reads the account's stored state (flags, opt-outs, consent, history) as of `time`.
    public func prepare(_ target: ContactTarget, at time: Double) async throws {
        guard let state = try await store.contactState(account: Account.ID(target.accountID), now: Date(timeIntervalSince1970: time))
        else { prepared[target.accountID] = nil; return }
        prepared[target.accountID] = (time, state)
    }

    public func mayDial(_ target: ContactTarget, at time: Double) -> GateDecision {
        let decision = decide(target, at: time)
        if case .refused(let reason) = decision { refusalsByReason[reason, default: 0] += 1 }
        return decision
    }

    /// The stored place (personal, work) of the number, for the contact log.
    public func place(of target: ContactTarget) -> ContactPlace {
        point(target, in: prepared[target.accountID]?.state)?.place ?? .personal
    }

    private func decide(_ target: ContactTarget, at time: Double) -> GateDecision {
        guard !accountsOnLine.contains(target.accountID) else { return .refused(reason: "ACCOUNT_ON_A_CALL") }
        guard let entry = prepared[target.accountID], abs(entry.at - time) < 1 else {
            return .refused(reason: "STATE_NOT_READ_AT_DIAL_TIME")
        }
        // A number stored twice for a consumer (e.g. as phone1 and phone2 with different
        // consent) is dialed only if every stored entry allows it: the strictest reading.
        let points = entry.state.points.filter { $0.channel == .phone && $0.address.phoneNumber?.e164 == target.phoneNumber }
        guard !points.isEmpty else { return .refused(reason: "NUMBER_NOT_ON_FILE") }
        var reasons = ContactReasons()
        for point in points {
            reasons.formUnion(engine.decide(ContactRequest(
                now: Date(timeIntervalSince1970: time), account: entry.state.account, contactPoint: point,
                history: entry.state.history, proposed: ProposedContact(channel: .phone, dialing: dialing))).reasons)
        }
        return reasons.isEmpty ? .allowed : .refused(reason: reasons.codes.joined(separator: ","))
    }

    private func point(_ target: ContactTarget, in state: StoredContactState?) -> ContactPoint? {
        state?.points.first { $0.channel == .phone && $0.address.phoneNumber?.e164 == target.phoneNumber }
    }
}
