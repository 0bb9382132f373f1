import CandorCore
@testable import CandorStore
import Foundation
import SQLKit
import Synchronization
import Testing

/// A clock tests move forward by whole days.
final class SteppingClock: Sendable {
    private let now = Mutex(pinnedNow)
    var date: Date { now.withLock { $0 } }
    var today: LocalDate { LocalDate(utcSecondsSinceEpoch: Int64(date.timeIntervalSince1970)) }
    func advance(days: Int) { now.withLock { $0 += TimeInterval(days) * 86_400 } }
}

/// The payment fixture with a clock that can move, and a collector and supervisor of ACME.
func collectionsFixture(_ db: CandorDatabase, rows: Int = 6) async throws -> (SQLStore, [Account.ID], SteppingClock, StoredUser, StoredUser) {
    let (plain, ids) = try await paymentFixture(db, rows: rows)
    let clock = SteppingClock()
    let store = SQLStore(database: plain.database, clock: { clock.date })
    let collector = try await store.addUser(username: "cole", displayName: "Cole Lector", passwordHash: "x", role: .collector, clientCodes: ["ACME"])
    let supervisor = try await store.addUser(username: "sue", displayName: "Sue Pervisor", passwordHash: "x", role: .supervisor, clientCodes: ["ACME"])
    return (store, ids, clock, collector, supervisor)
}

@Suite("Collections work in storage: dispositions, promises, plans, queue")
struct CollectionsStoreTests {
    @Test("a promise disposition writes the conversation the engine counts, the promise and an audit line", arguments: TestDatabase.available)
    func promiseDisposition(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let (store, ids, clock, cole, _) = try await collectionsFixture(db)
            let d = try await store.recordDisposition(DispositionInput(
                accountID: ids[0], disposition: .promise, promiseAmount: Money(cents: 5_000),
                promiseDueDate: clock.today.adding(days: 3), note: "  pays Friday  ", recordedBy: cole.id))
            #expect(d.promiseID != nil && d.note == "pays Friday" && !d.needsReview)
            let state = try #require(try await store.contactState(account: ids[0], now: clock.date))
            #expect(state.history.map(\.outcome) == [.conversation])
            let promises = try await store.promises(account: ids[0])
            #expect(promises.map(\.status) == [.pending] && promises[0].amount == Money(cents: 5_000))
            #expect(promises[0].deadline == clock.today.adding(days: 6))
            #expect(try await store.auditEntries(subject: "account:\(ids[0].rawValue)").map(\.action) == ["disposition.record"])
            #expect(try await store.dispositions(account: ids[0]).map(\.promiseID) == [d.promiseID])
        }
    }

    @Test("a cease request sets the cease flag with who and when, and the next call is refused", arguments: TestDatabase.available)
    func ceaseRequest(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let (store, ids, clock, cole, _) = try await collectionsFixture(db)
            let d = try await store.recordDisposition(DispositionInput(accountID: ids[0], disposition: .ceaseRequest, recordedBy: cole.id))
            #expect(d.needsReview && d.flagsSet == ["\(ids[0].rawValue):cease"])
            let flag = try #require(try await db.sql.raw("SELECT set_by, set_at FROM account_flags WHERE account_id = \(bind: ids[0].rawValue)").first())
            #expect(try flag.decode(column: "set_by", as: String.self) == cole.id)
            #expect(try flag.decode(column: "set_at", as: String.self) == Timestamp.format(clock.date))
            let statuses = try #require(try await store.contactState(account: ids[0], now: clock.date)).contactability(now: clock.date)
            let phones = statuses.filter { $0.point.channel == .phone }
            #expect(!phones.isEmpty && phones.allSatisfy { !$0.allowed && $0.decision.reasons.codes.contains("CEASE_COMMUNICATION") })
        }
    }

    @Test("a wrong number is opted out so it is never dialed again for this consumer", arguments: TestDatabase.available)
    func wrongNumber(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let (store, ids, clock, cole, _) = try await collectionsFixture(db)
            let state = try #require(try await store.contactState(account: ids[0], now: clock.date))
            guard case .phone(let number)? = state.points.first(where: { $0.channel == .phone })?.address else {
                Issue.record("the fixture account has no phone"); return
            }
            _ = try await store.recordDisposition(DispositionInput(accountID: ids[0], disposition: .wrongNumber, phone: number.e164, recordedBy: cole.id))
            let after = try #require(try await store.contactState(account: ids[0], now: clock.date)).contactability(now: clock.date)
            let status = try #require(after.first { if case .phone(let n) = $0.point.address { n == number } else { false } })
            #expect(!status.allowed)
        }
    }

    @Test("bad dispositions write nothing and name the field", arguments: TestDatabase.available)
    func badDispositions(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let (store, ids, clock, cole, _) = try await collectionsFixture(db)
            let balance = try #require(try await store.account(id: ids[0])).balance
            func field(_ input: DispositionInput) async -> String? {
                do { _ = try await store.recordDisposition(input); return "no error" } catch let e as CollectionsError { return e.field } catch { return "\(error)" }
            }
            #expect(await field(DispositionInput(accountID: ids[0], disposition: .promise, promiseAmount: balance + Money(cents: 1),
                                                 promiseDueDate: clock.today, recordedBy: cole.id)) == "promise_amount_cents")
            #expect(await field(DispositionInput(accountID: ids[0], disposition: .promise, promiseAmount: Money(cents: 100),
                                                 promiseDueDate: clock.today.adding(days: -1), recordedBy: cole.id)) == "promise_due_date")
            #expect(await field(DispositionInput(accountID: ids[0], disposition: .promise, recordedBy: cole.id)) == "promise")
            #expect(await field(DispositionInput(accountID: ids[0], disposition: .callbackRequested,
                                                 callbackAt: clock.date.addingTimeInterval(-60), recordedBy: cole.id)) == "callback_at")
            #expect(await field(DispositionInput(accountID: ids[0], disposition: .noAnswer, phone: "12", recordedBy: cole.id)) == "phone")
            #expect(await field(DispositionInput(accountID: ids[0], disposition: .noAnswer,
                                                 note: String(repeating: "x", count: 4_001), recordedBy: cole.id)) == "note")
            for table in ["dispositions", "promises", "contact_attempts", "audit_entries"] {
                #expect(try await count(db, table) == 0, "\(table) was written")
            }
        }
    }

    @Test("a promise is kept by the payment that arrives, broken when its deadline passes, and re-decided on reversal", arguments: TestDatabase.available)
    func promiseLifecycle(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let (store, ids, clock, cole, sue) = try await collectionsFixture(db)
            let kept = try await store.recordDisposition(DispositionInput(accountID: ids[0], disposition: .promise,
                promiseAmount: Money(cents: 2_500), promiseDueDate: clock.today.adding(days: 2), recordedBy: cole.id))
            _ = try await store.recordDisposition(DispositionInput(accountID: ids[1], disposition: .promise,
                promiseAmount: Money(cents: 2_500), promiseDueDate: clock.today.adding(days: 2), recordedBy: cole.id))
            clock.advance(days: 1)
            let payment = try await store.postPayment(cardRequest(ids[0], key: "p1", cents: 2_500), cipher: testCipher, processor: TestCardProcessor())
            #expect(try await store.promises(account: ids[0]).map(\.status) == [.kept])
            // Day 2 + 3 grace days: still pending on day 5, broken on day 6, by the daily job.
            clock.advance(days: 4)
            try await store.evaluatePromisesAndPlans()
            #expect(try await store.promises(account: ids[1]).map(\.status) == [.pending])
            clock.advance(days: 1)
            #expect(try await store.evaluatePromisesAndPlans() == 1)
            #expect(try await store.promises(account: ids[1]).map(\.status) == [.broken])
            // The kept promise's payment comes back: it was never kept.
            _ = try await store.reversePayment(id: payment.id, reason: .chargeback, by: sue.id)
            #expect(try await store.promises(account: ids[0]).map(\.status) == [.broken])
            #expect(kept.promiseID != nil)
            let summary = try await store.supervisorSummary(scope: ["ACME"], now: clock.date)
            #expect(Set(summary.brokenPromises.map(\.accountID)) == [ids[0], ids[1]])
        }
    }

    @Test("plans: below the settlement floor needs an approver of the client's role; a new plan replaces the active one", arguments: TestDatabase.available)
    func plans(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let (store, ids, clock, cole, sue) = try await collectionsFixture(db)
            let balance = try #require(try await store.account(id: ids[0])).balance
            let half = Money(cents: balance.cents / 2)
            let lowball = PlanInput(accountID: ids[0], total: half, installment: half, firstDueDate: clock.today, agreedBy: cole.id)
            await #expect(throws: CollectionsError.terms(field: "approve", .belowSettlementFloor(
                offer: half, floor: ClientRules.standard.settlementFloor(balance: balance), requiredRole: .supervisor))) {
                try await store.agreePlan(lowball)
            }
            var byCollector = lowball
            byCollector.approval = Approval(by: cole.id, role: .collector)
            await #expect(throws: CollectionsError.terms(field: "approve", .approverLacksRole(approver: .collector, requiredRole: .supervisor))) {
                try await store.agreePlan(byCollector)
            }
            #expect(try await count(db, "payment_plans") == 0)
            var approved = lowball
            approved.approval = Approval(by: sue.id, role: .supervisor)
            let settlement = try await store.agreePlan(approved)
            #expect(settlement.isSettlement && settlement.approvedBy == sue.id && settlement.state == "at_risk")
            let monthly = Money(cents: (balance.cents + 11) / 12)
            let plan = try await store.agreePlan(PlanInput(accountID: ids[0], total: balance, installment: monthly,
                                                           firstDueDate: clock.today.adding(days: 7), agreedBy: cole.id))
            #expect(!plan.isSettlement && plan.schedule.installments.count == 12 && plan.schedule.total == balance)
            #expect(try await store.plans(account: ids[0]).map(\.state) == ["current", "cancelled"])
            await #expect(throws: CollectionsError.terms(field: "first_due_date", .dateInPast(date: clock.today.adding(days: -1), today: clock.today))) {
                try await store.agreePlan(PlanInput(accountID: ids[0], total: balance, installment: monthly,
                                                    firstDueDate: clock.today.adding(days: -1), agreedBy: cole.id))
            }
            // Nothing paid 7 + 3 grace days later: the installment is missed.
            clock.advance(days: 11)
            try await store.evaluatePromisesAndPlans()
            #expect(try await store.plans(account: ids[0]).first?.state == "missed_installment")
            let summary = try await store.supervisorSummary(scope: nil, now: clock.date)
            #expect(summary.plansAtRisk.map(\.accountID) == [ids[0]])
        }
    }

    @Test("a client's waterfall decides the allocation: principal first when the client says so", arguments: TestDatabase.available)
    func clientWaterfall(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let (store, ids, _, _, sue) = try await collectionsFixture(db)
            var rules = ClientRules.standard
            rules.waterfall = AllocationWaterfall(order: [.principal, .interest, .fees])
            try await store.setClientRules(rules, clientCode: "acme", by: sue.id)
            #expect(try await store.clientRules(clientCode: "ACME").waterfall == rules.waterfall)
            _ = try await store.postPayment(cardRequest(ids[0], key: "w1", cents: 1_000), cipher: testCipher, processor: TestCardProcessor())
            let entry = try #require(try await store.account(id: ids[0])?.ledger.entries.last)
            #expect(entry.parts.principal == Money(cents: -1_000) && entry.parts.fees == .zero && entry.parts.interest == .zero)
            rules.waterfall = AllocationWaterfall(order: [.principal, .principal, .fees])
            await #expect(throws: CollectionsError.self) { try await store.setClientRules(rules, clientCode: "ACME", by: sue.id) }
        }
    }

    @Test("the work queue: callbacks due, then promises due, then balance; others' accounts and ceased ones left out", arguments: TestDatabase.available)
    func workQueue(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let (store, ids, clock, cole, sue) = try await collectionsFixture(db, rows: 8)
            let other = try await store.addUser(username: "otto", displayName: "Otto", passwordHash: "x", role: .collector, clientCodes: ["ACME"])
            // Both are conversations: the engine keeps the 7-day wait after them (1006.14(b)(2)(i)(B)),
            // so the callback and the promise fall due on day 8.
            _ = try await store.recordDisposition(DispositionInput(accountID: ids[3], disposition: .callbackRequested,
                callbackAt: clock.date.addingTimeInterval(8 * 86_400 - 3_600), recordedBy: cole.id))
            _ = try await store.recordDisposition(DispositionInput(accountID: ids[4], disposition: .promise,
                promiseAmount: Money(cents: 100), promiseDueDate: clock.today.adding(days: 8), recordedBy: cole.id))
            _ = try await store.recordDisposition(DispositionInput(accountID: ids[5], disposition: .ceaseRequest, recordedBy: cole.id))
            #expect(try await store.assign(accounts: [ids[6]], to: "otto", by: sue.id, within: ["ACME"]) == 1)
            clock.advance(days: 8)
            let queue = try await store.workQueue(for: cole, now: clock.date, limit: 50)
            let order = queue.items.map(\.account.id)
            #expect(Array(order.prefix(2)) == [ids[3], ids[4]])
            #expect(queue.items.first?.reason == .callbackDue && queue.items.dropFirst().first?.reason == .promiseDue)
            #expect(!order.contains(ids[5]) && !order.contains(ids[6]))
            let rest = queue.items.dropFirst(2).map(\.account.balance.cents)
            #expect(rest == rest.sorted(by: >))
            #expect(try await store.workQueue(for: other, now: clock.date).items.contains { $0.account.id == ids[6] && $0.assignedTo == "otto" })
            // A collector of another client cannot be given ACME accounts.
            _ = try await store.addClient(code: "BETA", name: "Beta")
            _ = try await store.addUser(username: "bea", displayName: "Bea", passwordHash: "x", role: .collector, clientCodes: ["BETA"])
            await #expect(throws: CollectionsError.unknownUser("bea")) { try await store.assign(accounts: [ids[0]], to: "bea", by: sue.id, within: nil) }
            await #expect(throws: StoreError.unknownAccount(ids[0].rawValue)) { try await store.assign(accounts: [ids[0]], to: "otto", by: sue.id, within: ["BETA"]) }
        }
    }

    @Test("the supervisor sees promises due today and dispositions to review, only for their clients", arguments: TestDatabase.available)
    func supervisorBoard(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let (store, ids, clock, cole, sue) = try await collectionsFixture(db)
            _ = try await store.recordDisposition(DispositionInput(accountID: ids[0], disposition: .promise,
                promiseAmount: Money(cents: 700), promiseDueDate: clock.today, recordedBy: cole.id))
            let attorney = try await store.recordDisposition(DispositionInput(accountID: ids[1], disposition: .attorney, recordedBy: cole.id))
            let board = try await store.supervisorSummary(scope: ["ACME"], now: clock.date)
            #expect(board.promisesDueToday.map(\.amount) == [Money(cents: 700)])
            #expect(board.toReview.map(\.dispositionID) == [attorney.id])
            let cole1 = try #require(board.team.first { $0.username == "cole" })
            #expect(cole1.dispositionsToday == 2 && cole1.rightPartyContactsToday == 2 && cole1.promisesToday == 1)
            #expect(try await store.supervisorSummary(scope: ["BETA"], now: clock.date).promisesDueToday.isEmpty)
            _ = try await store.reviewDisposition(id: attorney.id, account: ids[1], by: sue.id)
            #expect(try await store.supervisorSummary(scope: ["ACME"], now: clock.date).toReview.isEmpty)
        }
    }
}
