import CandorCore
import Foundation
import Testing

@Suite("Audit hash chain")
struct AuditChainTests {
    /// Five entries, one minute apart.
    static func chain(_ count: Int = 5) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        let start = PlanFixture.instant("2026-03-09T14:00:00Z")
        for i in 0..<count {
            entries.append(AuditChain.entry(after: entries.last, at: start.addingTimeInterval(Double(i * 60)),
                                            actor: "user:u-\(i % 2)", action: i == 0 ? "auth.sign_in" : "account.view",
                                            subject: "account:A\(i)", details: #"{"ip":"127.0.0.1","n":\#(i)}"#))
        }
        return entries
    }

    @Test("entries link to the one before; the first to 64 zeros")
    func links() {
        let c = Self.chain()
        #expect(c.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(c[0].previousHash == AuditChain.genesisHash)
        #expect(c[0].previousHash == String(repeating: "0", count: 64))
        for (a, b) in zip(c, c.dropFirst()) { #expect(b.previousHash == a.hash) }
        #expect(c.allSatisfy { $0.hash.count == 64 && $0.hash == $0.computedHash })
    }

    @Test("an intact chain verifies")
    func intact() {
        #expect(AuditChain.verify(Self.chain()) == nil)
        #expect(AuditChain.verify([]) == nil)
    }

    @Test("changing any field of an entry is found at that entry")
    func tamperedField() {
        var c = Self.chain()
        c[2].details = #"{"ip":"10.0.0.1","n":2}"#
        #expect(AuditChain.verify(c)?.sequence == 3)
        if case .hashMismatch? = AuditChain.verify(c)?.reason {} else { Issue.record("expected a hash mismatch") }

        var d = Self.chain()
        d[1].atMilliseconds += 1
        #expect(AuditChain.verify(d)?.sequence == 2)
        var e = Self.chain()
        e[4].actor = "user:someone-else"
        #expect(AuditChain.verify(e)?.sequence == 5)
    }

    @Test("re-hashing a changed entry still breaks the next link")
    func rehashed() {
        var c = Self.chain()
        c[1].action = "account.export"
        c[1].hash = c[1].computedHash
        let broken = AuditChain.verify(c)
        #expect(broken?.sequence == 3)
        #expect(broken?.index == 2)
        if case .previousHashMismatch(let expected)? = broken?.reason { #expect(expected == c[1].hash) } else { Issue.record("\(String(describing: broken))") }
    }

    @Test("a removed or re-ordered entry is a sequence gap")
    func removed() {
        var c = Self.chain()
        c.remove(at: 2)
        #expect(AuditChain.verify(c) == AuditBreak(index: 2, sequence: 4, reason: .sequenceGap(expected: 3)))
        var d = Self.chain()
        d.swapAt(1, 2)
        #expect(AuditChain.verify(d)?.reason == .sequenceGap(expected: 2))
        #expect(AuditChain.verify(d)?.description == "entry 3: expected sequence 2 (an entry is missing or out of order)")
    }

    @Test("a later stretch verifies against the entry before it")
    func stretch() {
        let c = Self.chain(6)
        #expect(AuditChain.verify(Array(c[3...]), after: c[2]) == nil)
        #expect(AuditChain.verify(Array(c[3...]))?.reason == .sequenceGap(expected: 1))
    }

    @Test("the encoding is unambiguous: moving text between fields changes the hash")
    func unambiguous() {
        let a = AuditChain.hash(sequence: 1, atMilliseconds: 0, actor: "ab", action: "c", subject: "", details: "{}", previousHash: AuditChain.genesisHash)
        let b = AuditChain.hash(sequence: 1, atMilliseconds: 0, actor: "a", action: "bc", subject: "", details: "{}", previousHash: AuditChain.genesisHash)
        #expect(a != b)
    }

    @Test("the hash is pinned: stored chains stay verifiable across releases")
    func pinned() {
        let encoding = AuditChain.canonicalEncoding(sequence: 1, atMilliseconds: 1_773_064_800_000, actor: "user:u-1",
                                                    action: "auth.sign_in", subject: "user:u-1", details: "{}",
                                                    previousHash: AuditChain.genesisHash)
        #expect(String(decoding: encoding, as: UTF8.self) ==
            "candor-audit-v1\n1:1\n13:1773064800000\n8:user:u-1\n12:auth.sign_in\n8:user:u-1\n2:{}\n64:\(AuditChain.genesisHash)\n")
        // Python: hashlib.sha256(encoding).hexdigest()
        #expect(PureSHA256.hex(PureSHA256.hash(encoding)) == "c2be460e27cc17d10b2be8e2b740465b9a1292091c7b6e050860c033ff4e8818")
        #expect(PureSHA256.hex(PureSHA256.hash(encoding)) == AuditChain.hash(sequence: 1, atMilliseconds: 1_773_064_800_000,
            actor: "user:u-1", action: "auth.sign_in", subject: "user:u-1", details: "{}", previousHash: AuditChain.genesisHash))
    }

    @Test("times are kept to the millisecond, so a stored entry hashes the same when reloaded")
    func milliseconds() {
        let at = Date(timeIntervalSince1970: 1_773_064_800.123_456)
        let e = AuditChain.entry(after: nil, at: at, actor: "a", action: "b", subject: "c")
        #expect(e.atMilliseconds == 1_773_064_800_123)
        let reloaded = AuditEntry(sequence: e.sequence, atMilliseconds: Int64((e.at.timeIntervalSince1970 * 1000).rounded()),
                                  actor: e.actor, action: e.action, subject: e.subject, details: e.details,
                                  previousHash: e.previousHash, hash: e.hash)
        #expect(AuditChain.verify([reloaded]) == nil)
    }
}
