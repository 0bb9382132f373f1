/// A client's rules for what an agent may agree with a consumer. Shares are in basis points
/// (1/100 of a percent) so that they stay integers: 5000 = 50%.
public struct ClientRules: Sendable, Hashable, Codable {
    /// Smallest monthly payment a plan may ask for. Weekly and biweekly plans must pay at
    /// least as much per month (installment × periods a year ÷ 12). The last installment,
    /// being the remainder, may be smaller.
    public var minimumInstallment: Money
    /// Longest plan, in months from the first installment to the last.
    public var maximumTermMonths: Int
    /// Whether the client accepts less than the balance at all.
    public var settlementAllowed: Bool
    /// Least share of the balance a settlement may be for without approval.
    public var settlementFloorBasisPoints: Int
    /// Longest a settlement may be spread over (a settlement is a discount for paying soon).
    public var maximumSettlementMonths: Int
    /// Who may approve terms outside these rules (a settlement below the floor, a plan below
    /// the minimum installment or longer than the maximum term). That role or above.
    public var approvalRole: StaffRole
    /// Share of disposable income that is "affordable". Default 50%: the consumer keeps half
    /// of what is left after essentials for everything else (clothing, emergencies, other
    /// debts), in the spirit of 12 CFR 1006 and the CFPB's guidance against payment plans a
    /// consumer cannot keep.
    public var affordabilityShareBasisPoints: Int
    /// Missed installments outstanding at the same time that put a plan in default.
    public var defaultAfterMisses: Int
    /// Calendar days after an installment's due date during which a payment is on time.
    public var graceDays: Int
    /// Order in which payments reduce the balance parts.
    public var waterfall: AllocationWaterfall

    public init(minimumInstallment: Money = Money(cents: 25_00), maximumTermMonths: Int = 24,
                settlementAllowed: Bool = true, settlementFloorBasisPoints: Int = 6_000,
                maximumSettlementMonths: Int = 3, approvalRole: StaffRole = .supervisor,
                affordabilityShareBasisPoints: Int = 5_000, defaultAfterMisses: Int = 2, graceDays: Int = 3,
                waterfall: AllocationWaterfall = .standard) {
        self.minimumInstallment = minimumInstallment
        self.maximumTermMonths = max(1, maximumTermMonths)
        self.settlementAllowed = settlementAllowed
        self.settlementFloorBasisPoints = min(10_000, max(0, settlementFloorBasisPoints))
        self.maximumSettlementMonths = max(1, maximumSettlementMonths)
        self.approvalRole = approvalRole
        self.affordabilityShareBasisPoints = min(10_000, max(0, affordabilityShareBasisPoints))
        self.defaultAfterMisses = max(1, defaultAfterMisses)
        self.graceDays = max(0, graceDays)
        self.waterfall = waterfall
    }

    public static let standard = ClientRules()

    /// The least a settlement may be for without approval: the floor share of the balance,
    /// rounded up to the cent (rounding down would put the floor below the client's share).
    public func settlementFloor(balance: Money) -> Money {
        balance.share(basisPoints: settlementFloorBasisPoints, roundingUp: true)
    }
}

extension Money {
    /// `self × bp / 10 000`, exact in 128-bit arithmetic, rounded down (or up).
    func share(basisPoints bp: Int, roundingUp: Bool = false) -> Money {
        let product = Int128(cents) * Int128(bp)
        var quotient = product / 10_000
        if roundingUp, product % 10_000 > 0 { quotient += 1 }
        return Money(cents: Int64(quotient))
    }

    /// `ceil(self / n)` for a positive amount and count.
    func dividedRoundingUp(by n: Int64) -> Money {
        Money(cents: (cents + n - 1) / n)
    }
}
