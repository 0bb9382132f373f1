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

    /// No household's monthly figure comes near this; above it the input is a typo, and
    /// the plan arithmetic (×12, shares) must stay far from overflow.
    public static let maximumMonthlyAmount = Money(cents: 1_000_000_000)

    public enum Error: Swift.Error, Equatable, Sendable, CustomStringConvertible {
        case negative(item: String, amount: Money)
        case tooLarge(item: String, amount: Money)

        /// The budget line at fault: `monthly income`, `housing`, ...
        public var item: String {
            switch self { case .negative(let item, _), .tooLarge(let item, _): return item }
        }

        public var description: String {
            switch self {
            case .negative(let item, let amount): return "\(item) cannot be negative (got \(amount.formatted))"
            case .tooLarge(let item, let amount):
                return "\(item) of \(amount.formatted) a month is more than \(Budget.maximumMonthlyAmount.formatted); check the figure"
            }
        }
    }

    public init(monthlyIncome: Money, expenses: EssentialExpenses) throws(Budget.Error) {
        for (name, amount) in [("monthly income", monthlyIncome)] + expenses.items {
            if amount.isNegative { throw .negative(item: name, amount: amount) }
            if amount > Budget.maximumMonthlyAmount { throw .tooLarge(item: name, amount: amount) }
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
