import CandorCore
import Foundation

/// Row identifiers in the UUIDv7 layout (RFC 9562): 48 bits of Unix milliseconds, then a
/// counter, then random bits, printed like any UUID.
///
/// Why not random UUIDs: keys that grow with time are appended at the right edge of a
/// B-tree, so a bulk import touches a few pages per batch instead of one random page per
/// row — the difference between minutes and seconds for a million-row placement file, on
/// SQLite and PostgreSQL alike. They still reveal nothing but the creation time.
enum TimeOrderedID {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var lastMillis: UInt64 = 0
    nonisolated(unsafe) private static var counter: UInt16 = 0
    /// Seeded once from the system generator: a system call per ID
    /// costs more than the rest of an import row. IDs need uniqueness, not secrecy.
    nonisolated(unsafe) private static var generator: SplitMix64 = {
        var system = SystemRandomNumberGenerator()
        return SplitMix64(seed: system.next())
    }()

    static func make(now: Date = Date()) -> String {
        var millis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        lock.lock()
        let random: UInt64 = generator.next()
        if millis <= lastMillis {
            // Same (or an earlier) millisecond: keep increasing so IDs stay ordered.
            millis = lastMillis
            counter &+= 1
            if counter >= 0x1000 { counter = 0; millis += 1 }
        } else {
            counter = UInt16(random >> 52) & 0x3FF // start low so the counter has room
        }
        lastMillis = millis
        let count = counter
        lock.unlock()
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: UInt8(ascii: "-"), count: 36)
        var position = 0
        func put(_ value: UInt64, digits: Int) {
            for i in stride(from: digits - 1, through: 0, by: -1) {
                if position == 8 || position == 13 || position == 18 || position == 23 { position += 1 }
                out[position] = hex[Int((value >> (UInt64(i) * 4)) & 0xF)]
                position += 1
            }
        }
        put(millis & 0xFFFF_FFFF_FFFF, digits: 12)                      // 48-bit time
        put(0x7000 | UInt64(count & 0x0FFF), digits: 4)                 // version 7 + counter
        put(0x8000 | ((random >> 48) & 0x3FFF), digits: 4)             // variant + random
        put(random & 0xFFFF_FFFF_FFFF, digits: 12)                      // random
        return String(decoding: out, as: UTF8.self)
    }
}
