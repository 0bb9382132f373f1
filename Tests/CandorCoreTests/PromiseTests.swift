import CandorCore
import Testing

@Suite("Promises to pay")
struct PromiseTests {
    typealias F = PlanFixture

    func promise(_ id: String, _ amount: String, due: String, madeOn: String = "2026-03-01") -> PromiseToPay {
        PromiseToPay(id: .init(id), accountID: "A1", amount: F.usd(amount), dueDate: F.day(due), madeOn: F.day(madeOn), madeBy: "u-1")
    }

    func evaluate(_ promises: [PromiseToPay], _ payments: [ReceivedPayment], today: String) -> [PromiseStatus] {
        PromiseEvaluator.evaluate(promises, payments: payments, today: F.day(today)).map(\.status)
    }

    @Test("a promise paid in full by its due date is kept")
    func keptOnTime() {
        let r = PromiseEvaluator.evaluate([promise("P1", "100", due: "2026-03-15")],
                                          payments: [F.pay("2026-03-14", "100")], today: F.day("2026-03-20"))
        #expect(r[0].status == .kept)
        #expect(r[0].keptOn == F.day("2026-03-14"))
        #expect(r[0].shortfall == .zero)
    }

    @Test("a payment within the 3-day grace period still keeps the promise; the day after, it does not")
    func grace() {
        #expect(PromisePolicy.standard.graceDays == 3)
        let p = [promise("P1", "100", due: "2026-03-15")]
        #expect(evaluate(p, [F.pay("2026-03-18", "100")], today: "2026-03-25") == [.kept])
        #expect(evaluate(p, [F.pay("2026-03-19", "100")], today: "2026-03-25") == [.broken])
    }

    @Test("an unpaid promise is pending through its grace period and broken after it")
    func pendingThenBroken() {
        let p = [promise("P1", "100", due: "2026-03-15")]
        #expect(evaluate(p, [], today: "2026-03-10") == [.pending])
        #expect(evaluate(p, [], today: "2026-03-18") == [.pending])
        #expect(evaluate(p, [], today: "2026-03-19") == [.broken])
    }

    @Test("part paid by the deadline is partially kept, with the shortfall")
    func partial() {
        let r = PromiseEvaluator.evaluate([promise("P1", "100", due: "2026-03-15")],
                                          payments: [F.pay("2026-03-15", "40")], today: F.day("2026-03-30"))
        #expect(r[0].status == .partiallyKept)
        #expect(r[0].paid == F.usd("40"))
        #expect(r[0].shortfall == F.usd("60"))
        #expect(r[0].deadline == F.day("2026-03-18"))
    }

    @Test("a part payment before the deadline leaves the promise pending, not partial")
    func partialStillPending() {
        #expect(evaluate([promise("P1", "100", due: "2026-03-15")], [F.pay("2026-03-10", "40")], today: "2026-03-12") == [.pending])
    }

    @Test("payments fill promises in due-date order, carrying any excess to the next")
    func dueDateOrder() {
        // Given out of order on purpose.
        let promises = [promise("P2", "100", due: "2026-04-15"), promise("P1", "100", due: "2026-03-15")]
        let r = PromiseEvaluator.evaluate(promises, payments: [F.pay("2026-03-10", "150")], today: F.day("2026-05-01"))
        #expect(r.map(\.promise.id) == ["P1", "P2"])
        #expect(r.map(\.status) == [.kept, .partiallyKept])
        #expect(r.map(\.paid) == [F.usd("100"), F.usd("50")])
    }

    @Test("a late payment for one promise counts toward the next one in its window")
    func latePaymentMovesOn() {
        let promises = [promise("P1", "100", due: "2026-03-15"), promise("P2", "100", due: "2026-04-15")]
        let r = evaluate(promises, [F.pay("2026-03-25", "100")], today: "2026-05-01")
        #expect(r == [.broken, .kept])
    }

    @Test("a payment never counts twice")
    func noDoubleCounting() {
        let promises = [promise("P1", "100", due: "2026-03-15"), promise("P2", "100", due: "2026-03-15", madeOn: "2026-03-02")]
        #expect(evaluate(promises, [F.pay("2026-03-14", "100")], today: "2026-04-01") == [.kept, .broken])
    }

    @Test("payments made before the promise was made do not count toward it")
    func beforeMade() {
        #expect(evaluate([promise("P1", "100", due: "2026-03-15", madeOn: "2026-03-05")],
                         [F.pay("2026-03-04", "100")], today: "2026-04-01") == [.broken])
    }

    @Test("a reversed payment (returned ACH) no longer keeps the promise")
    func reversal() throws {
        var ledger = Ledger(itemizationAmount: F.usd("500"))
        try ledger.postPayment(id: "L1", amount: F.usd("100"), on: F.day("2026-03-14"))
        let kept = PromiseEvaluator.evaluate([promise("P1", "100", due: "2026-03-15")],
                                             payments: ReceivedPayment.standing(on: ledger), today: F.day("2026-03-16"))
        #expect(kept[0].status == .kept)
        try ledger.reverse(payment: "L1", id: "L2", on: F.day("2026-03-17"))
        #expect(ReceivedPayment.standing(on: ledger).isEmpty)
        let after = PromiseEvaluator.evaluate([promise("P1", "100", due: "2026-03-15")],
                                              payments: ReceivedPayment.standing(on: ledger), today: F.day("2026-03-20"))
        #expect(after[0].status == .broken)
    }

    @Test("a new promise must be positive, within the balance and not in the past")
    func validation() throws {
        func make(_ amount: String, due: String) throws(TermsError) -> PromiseToPay {
            try PromiseToPay(id: "P", accountID: "A1", amount: F.usd(amount), dueDate: F.day(due),
                             madeOn: F.day("2026-03-09"), madeBy: "u", balance: F.usd("250"))
        }
        #expect(throws: TermsError.nonPositiveAmount(.zero)) { try make("0", due: "2026-03-10") }
        #expect(throws: TermsError.amountOverBalance(amount: F.usd("250.01"), balance: F.usd("250"))) {
            try make("250.01", due: "2026-03-10")
        }
        #expect(throws: TermsError.dateInPast(date: F.day("2026-03-08"), today: F.day("2026-03-09"))) {
            try make("10", due: "2026-03-08")
        }
        #expect(try make("250", due: "2026-03-09").amount == F.usd("250"))
        #expect(TermsError.amountOverBalance(amount: F.usd("250.01"), balance: F.usd("250")).description
                == "$250.01 is more than the balance of $250.00")
    }

    @Test("the kept rate counts only promises that are due")
    func tally() {
        let promises = [promise("P1", "100", due: "2026-03-01"), promise("P2", "100", due: "2026-03-02"),
                        promise("P3", "100", due: "2026-03-03"), promise("P4", "100", due: "2026-03-30")]
        let r = PromiseEvaluator.evaluate(promises, payments: [F.pay("2026-03-01", "100"), F.pay("2026-03-03", "50")],
                                          today: F.day("2026-03-10"))
        let t = PromiseTally(r)
        #expect((t.kept, t.partiallyKept, t.broken, t.pending) == (1, 1, 1, 1))
        #expect(t.keptRateBasisPoints == 3_333)
        #expect(PromiseTally([]).keptRateBasisPoints == nil)
    }

    @Test("random promises and payments: nothing paid twice, nothing invented (seeded)")
    func property() {
        var rng = PlanRandom(seed: 42)
        for _ in 0..<300 {
            let start = F.day("2026-01-01")
            let promises = (0..<Int.random(in: 1...4, using: &rng)).map { i in
                PromiseToPay(id: .init("P\(i)"), accountID: "A1", amount: Money(cents: Int64.random(in: 1...50_000, using: &rng)),
                             dueDate: start.adding(days: Int.random(in: 0...60, using: &rng)), madeOn: start, madeBy: "u")
            }
            let payments = (0..<Int.random(in: 0...5, using: &rng)).map { _ in
                ReceivedPayment(date: start.adding(days: Int.random(in: 0...70, using: &rng)),
                                amount: Money(cents: Int64.random(in: 1...50_000, using: &rng)))
            }
            let today = start.adding(days: Int.random(in: 0...80, using: &rng))
            let r = PromiseEvaluator.evaluate(promises, payments: payments, today: today)
            let allocated = r.reduce(Money.zero) { $0 + $1.paid }
            let arrived = payments.filter { $0.date <= today }.reduce(Money.zero) { $0 + $1.amount }
            #expect(allocated <= arrived)
            for e in r {
                #expect(e.paid >= .zero && e.paid <= e.promise.amount)
                #expect((e.status == .kept) == (e.paid == e.promise.amount))
                if e.status == .broken { #expect(e.paid == .zero && today > e.deadline) }
                if e.status == .pending { #expect(today <= e.deadline) }
            }
        }
    }
}
