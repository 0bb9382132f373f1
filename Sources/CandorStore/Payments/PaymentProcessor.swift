import CandorCore
import Foundation
import Synchronization

/// A card charge, identified by the payment's idempotency key: a processor that sees the
/// same key twice must not charge twice (every real processor API offers this), so a retry
/// after a crash between charge and commit is safe.
public struct CardCharge: Sendable, Hashable {
    public var idempotencyKey: String
    public var accountID: Account.ID
    public var amount: Money
    public var cardToken: String
}

public struct CardChargeResult: Sendable, Hashable {
    public var reference: String
    public init(reference: String) { self.reference = reference }
}

/// Where card payments go. Throws `PaymentError.declined` for a refusal.
public protocol PaymentProcessor: Sendable {
    func charge(_ charge: CardCharge) async throws -> CardChargeResult
}

/// The processor when none is configured: refuses every card, saying why. (No card network
/// is integrated yet; bank debits work without one.)
public struct UnconfiguredPaymentProcessor: PaymentProcessor {
    public init() {}
    public func charge(_ charge: CardCharge) async throws -> CardChargeResult {
        throw PaymentError.invalid(field: "method", message: "card payments are not configured on this server; take a bank debit")
    }
}

/// A test double, never a real card network: approves every token except those starting
/// with `decline`, and remembers each charge (deduplicated by idempotency key, as real
/// processors do) so tests can count them.
public final class TestCardProcessor: PaymentProcessor {
    private let seen = Mutex<[String: CardChargeResult]>([:])
    private let calls = Mutex(0)
    public init() {}

    /// Distinct charges made.
    public var chargeCount: Int { seen.withLock { $0.count } }
    /// Calls received, duplicates included.
    public var callCount: Int { calls.withLock { $0 } }

    public func charge(_ charge: CardCharge) async throws -> CardChargeResult {
        calls.withLock { $0 += 1 }
        if charge.cardToken.hasPrefix("decline") { throw PaymentError.declined("test card \(charge.cardToken)") }
        return seen.withLock { seen in
            if let earlier = seen[charge.idempotencyKey] { return earlier }
            let result = CardChargeResult(reference: "test_ch_\(seen.count + 1)")
            seen[charge.idempotencyKey] = result
            return result
        }
    }
}
