// The abandon cap is a ratio over two windows at once: this shift, and the campaign's
// rolling 30 days. Holding only the daily ratio is not enough after a bad day (an outage
// that abandoned many people): the 30-day ratio would stay over the cap, so today's
// allowance shrinks to whatever brings the 30-day ratio back under.

public struct AbandonCounts: Hashable, Sendable, Codable {
    /// People who answered (live answers routed toward agents, including those abandoned).
    public var liveAnswers: Int
    public var abandoned: Int
    public init(liveAnswers: Int = 0, abandoned: Int = 0) {
        self.liveAnswers = liveAnswers
        self.abandoned = abandoned
    }
    public var rate: Double { liveAnswers == 0 ? 0 : Double(abandoned) / Double(liveAnswers) }
    public static func + (a: Self, b: Self) -> Self {
        Self(liveAnswers: a.liveAnswers + b.liveAnswers, abandoned: a.abandoned + b.abandoned)
    }
}

public struct AbandonLedger: Hashable, Sendable, Codable {
    /// Earlier shifts of this campaign within the rolling 30 days (not today).
    public var previousDays: AbandonCounts
    public var today: AbandonCounts

    public init(previousDays: AbandonCounts = AbandonCounts(), today: AbandonCounts = AbandonCounts()) {
        self.previousDays = previousDays
        self.today = today
    }

    /// Builds the 30-day part from daily counts keyed by day number (days since any epoch).
    public init(daily: [Int: AbandonCounts], today day: Int) {
        var sum = AbandonCounts()
        for (d, c) in daily where d < day && d > day - 30 { sum = sum + c }
        self.init(previousDays: sum)
    }

    public var rolling30Days: AbandonCounts { previousDays + today }

    /// How many more abandons can be afforded now while keeping both ratios at or under
    /// `target`. Negative when either window is already over.
    public func slack(target: Double) -> Double {
        let shift = target * Double(today.liveAnswers) - Double(today.abandoned)
        let month = target * Double(rolling30Days.liveAnswers) - Double(rolling30Days.abandoned)
        return min(shift, month)
    }
}
