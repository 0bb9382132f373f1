/// The consumer's essential monthly expenses, as they tell them (no verification here).
public struct EssentialExpenses: Sendable, Hashable, Codable {
    public var housing: Money
    public var utilities: Money
    public var food: Money
    public var transport: Money
    public var medical: Money
    public var other: Money

    public init(housing: Money = .zero, utilities: Money = .zero, food: Money = .zero, transport: Money = .zero,
                medical: Money = .zero, other: Money = .zero) {
        self.housing = housing; self.utilities = utilities; self.food = food; self.transport = transport
        self.medical = medical; self.other = other
    }

    public var total: Money { housing + utilities + food + transport + medical + other }

    var items: [(String, Money)] {
        [("housing", housing), ("utilities", utilities), ("food", food), ("transport", transport),
         ("medical", medical), ("other", other)]
    }
}

/// A monthly budget: what comes in and what must go out.
public struct Budget: Sendable, Hashable, Codable {
    public var monthlyIncome: Money
    public var expenses: EssentialExpenses

    public enum Error: Swift.Error, Equatable, Sendable, CustomStringConvertible {
        case negative(item: String, amount: Money)
        public var description: String {
            switch self {
            case .negative(let item, let amount): return "\(item) cannot be negative (got \(amount.formatted))"
            }
        }
    }

    public init(monthlyIncome: Money, expenses: EssentialExpenses) throws(Budget.Error) {
        guard !monthlyIncome.isNegative else { throw .negative(item: "monthly income", amount: monthlyIncome) }
        for (name, amount) in expenses.items where amount.isNegative {
            throw .negative(item: name, amount: amount)
        }
        self.monthlyIncome = monthlyIncome; self.expenses = expenses
    }

    /// Income left after essentials; never below zero.
    public var disposableIncome: Money { max(.zero, monthlyIncome - expenses.total) }

    /// The monthly payment the consumer can afford: the rules' share of disposable income,
    /// rounded down to the cent (never round an affordability limit up).
    public func affordableMonthly(rules: ClientRules) -> Money {
        disposableIncome.share(basisPoints: rules.affordabilityShareBasisPoints)
    }
}
