import CandorCore
import Foundation
import Testing

/// Properties over random scenarios (seeded, so every failure reproduces).
@Suite("Compliance properties")
struct CompliancePropertyTests {
    let engine = ComplianceEngine.standard

    @Test("the engine agrees with the reference model on reasons and on next_allowed_at", arguments: [1, 2, 3] as [UInt64])
    func agreesWithReferenceModel(seed: UInt64) {
        var generator = ScenarioGenerator(seed: seed)
        for n in 0..<60 {
            let request = generator.request()
            let decision = engine.decide(request)
            let expected = ReferenceModel.reasons(request)
            #expect(Set(decision.reasons.sorted) == expected, "seed \(seed) scenario \(n): \(request)")
            #expect(decision.nextAllowedAt == ReferenceModel.nextAllowed(request),
                    "seed \(seed) scenario \(n): \(request)")
        }
    }

    @Test("no allowed call or text ever falls outside 08:00-21:00 in any candidate zone")
    func neverOutsideCallingHours() {
        var generator = ScenarioGenerator(seed: 7)
        var allowedSeen = 0
        for _ in 0..<3000 {
            var request = generator.request(simple: true)
            request.proposed.channel = generator.pick([.phone, .sms])
            request.contactPoint.channel = request.proposed.channel
            let decision = engine.decide(request)
            guard decision.allowed else { continue }
            allowedSeen += 1
            for zone in engine.zones.names(of: decision.candidateZones) {
                let hour = ReferenceModel.calendar(zone).component(.hour, from: request.now)
                #expect((8..<21).contains(hour), "\(zone) at \(request.now)")
            }
            #expect(!decision.candidateZones.isEmpty)
        }
        #expect(allowedSeen > 100)
    }

    @Test("next_allowed_at is itself allowed, and the minute before it is not")
    func nextAllowedIsTight() {
        var generator = ScenarioGenerator(seed: 11)
        var checked = 0
        for _ in 0..<1500 {
            let request = generator.request(simple: true)
            let decision = engine.decide(request)
            guard let next = decision.nextAllowedAt else {
                #expect(decision.reasons.contains { $0.needsChangeOfState } || decision.reasons.contains(.consumerInconvenientTime))
                continue
            }
            #expect(next >= request.now)
            #expect(engine.decide(Fixture.moved(request, to: next)).allowed, "at \(next): \(request)")
            if next > request.now {
                checked += 1
                let before = next.addingTimeInterval(-60)
                #expect(!engine.decide(Fixture.moved(request, to: before)).allowed, "a minute before \(next): \(request)")
                #expect(!decision.allowed)
            } else {
                #expect(decision.allowed)
            }
        }
        #expect(checked > 200)
    }

    @Test("no minute between now and next_allowed_at is allowed (exhaustive scan of a sample)")
    func noEarlierMinute() {
        var generator = ScenarioGenerator(seed: 13)
        var scanned = 0
        while scanned < 25 {
            let request = generator.request(simple: true)
            let decision = engine.decide(request)
            guard let next = decision.nextAllowedAt, next > request.now,
                  next.timeIntervalSince(request.now) < 10 * 86_400 else { continue }
            scanned += 1
            var t = request.now
            while t < next {
                #expect(!engine.decide(Fixture.moved(request, to: t)).allowed, "allowed at \(t) before \(next)")
                t = t.addingTimeInterval(60)
            }
        }
    }
}

extension ContactReasons {
    func contains(where predicate: (ContactReason) -> Bool) -> Bool { sorted.contains(where: predicate) }
}
