import ArgumentParser
import CandorCore
import Foundation

/// `candor bench compliance`: pure `decide` throughput on one core (build with -c release).
struct BenchComplianceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compliance",
        abstract: "Measure ComplianceEngine.decide throughput with a 10-entry history, on one thread.")

    @Option(help: "Decisions per timed round.")
    var decisions = 2_000_000

    @Option(help: "Timed rounds (the best and the median are reported).")
    var rounds = 5

    @Option(help: "Distinct requests cycled through (random, seeded).")
    var requests = 4096

    @Option(help: "Seed of the request generator.")
    var seed: UInt64 = 42

    func run() throws {
        let engine = ComplianceEngine.standard
        if let problem = engine.zones.loadProblem { throw ValidationError("time-zone tables: \(problem)") }
        let pool = BenchRequests.make(count: requests, seed: seed)
        var allowed = 0
        for request in pool where engine.decide(request).allowed { allowed += 1 }   // warm-up
        print("compliance bench: \(pool.count) requests (10-entry history each), \(allowed) allowed at now")

        var rates: [Double] = []
        var sink = 0
        for round in 1...rounds {
            let start = DispatchTime.now().uptimeNanoseconds
            var i = 0
            for _ in 0..<decisions {
                let decision = engine.decide(pool[i])
                sink &+= Int(decision.reasons.rawValue) &+ (decision.nextAllowedAt == nil ? 1 : 0)
                i += 1
                if i == pool.count { i = 0 }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let rate = Double(decisions) / seconds
            rates.append(rate)
            print(String(format: "round %d: %d decisions in %.3f s = %.0f decisions/s (%.0f ns each)",
                         round, decisions, seconds, rate, 1e9 / rate))
        }
        let sorted = rates.sorted()
        print(String(format: "best %.0f decisions/s, median %.0f decisions/s (checksum %d)",
                     sorted.last!, sorted[sorted.count / 2], sink))
    }
}

/// Realistic requests: a US number and address, a 10-entry phone/sms/email history
/// spread over the last 30 days about this and a second debt, now at any hour of 2026.
enum BenchRequests {
    static func make(count: Int, seed: UInt64) -> [ContactRequest] {
        var rng = SplitMix64(seed: seed)
        let places: [(state: String, zip: String, number: String)] = [
            ("NY", "10001", "+12125550101"), ("MA", "02139", "+16175550142"), ("IL", "60601", "+13125550100"),
            ("TX", "75201", "+12145550100"), ("CO", "80202", "+13035550100"), ("CA", "90012", "+12135550100"),
            ("FL", "32501", "+18505550100"), ("TN", "37902", "+14235550100"), ("ID", "83702", "+12085550100"),
            ("AZ", "85004", "+16025550100"), ("IN", "46204", "+13175550100"), ("KY", "40202", "+15025550100"),
        ]
        let outcomes: [ContactOutcome] = [.noAnswer, .busy, .voicemail, .machine, .limitedContentMessage,
                                          .conversation, .notConnected, .abandoned]
        let start2026 = 1_767_225_600
        return (0..<count).map { i in
            let place = places[Int(rng.next() % UInt64(places.count))]
            let now = start2026 + Int(rng.next() % UInt64(365 * 86_400 / 60)) * 60
            let id = "A\(i)"
            var history: [ContactEvent] = []
            for _ in 0..<10 {
                let at = now - Int(rng.next() % UInt64(30 * 86_400))
                let roll = rng.next() % 10
                let channel: ContactChannel = roll < 7 ? .phone : (roll < 9 ? .sms : .email)
                let outcome = channel == .phone ? outcomes[Int(rng.next() % UInt64(outcomes.count))] : .sent
                history.append(ContactEvent(at: Date(timeIntervalSince1970: Double(at)), channel: channel,
                                            outcome: outcome, accounts: rng.next() % 4 == 0 ? ["B\(i)"] : [id, "B\(i)"]))
            }
            let number = NANPNumber(e164: place.number)!
            return ContactRequest(
                now: Date(timeIntervalSince1970: Double(now)),
                account: ContactAccount(id: id, state: USStateCode(place.state), postalCode: ZIPCode(place.zip)),
                contactPoint: ContactPoint(channel: .phone, address: .phone(number), lineType: .mobile,
                                           place: .personal, autodialerConsent: rng.next() % 8 != 0),
                history: history,
                proposed: ProposedContact(channel: rng.next() % 5 == 0 ? .sms : .phone,
                                          dialing: rng.next() % 2 == 0 ? .predictive : .manual))
        }
    }

    
}
