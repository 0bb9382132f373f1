/// Byte-level helpers for the placement parser: no `String` work per character.
enum PlacementBytes {
    static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    static let dash = UInt8(ascii: "-"), dot = UInt8(ascii: "."), at = UInt8(ascii: "@")

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == space || b == tab }

    /// Without leading and trailing spaces and tabs.
    static func trimmed<C: BidirectionalCollection>(_ bytes: C) -> C.SubSequence where C.Element == UInt8 {
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, isSpace(bytes[start]) { start = bytes.index(after: start) }
        while end > start, isSpace(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        return bytes[start..<end]
    }

    /// Unicode scalars in valid UTF-8: the bytes that are not continuation bytes.
    @inline(__always) static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        for b in bytes where b & 0xC0 != 0x80 { n &+= 1 }
        return n
    }

    @inline(__always) static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}

/// UTF-8 validation over a chunk (RFC 3629: no overlong forms, no surrogates, nothing
/// above U+10FFFF), with an eight-bytes-at-a-time ASCII fast path.
enum PlacementUTF8Check: Equatable {
    case valid
    /// The chunk ends inside a sequence that starts at this offset and is valid so far.
    case incomplete(at: Int)
    case invalid(at: Int)

    /// The length of the sequence a lead byte announces (0 if it cannot lead).
    @inline(__always) static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF4: return 4
        default: return 0
        }
    }

    /// The allowed range of the byte after `lead` (the later ones are all 80...BF).
    @inline(__always) static func secondByteRange(_ lead: UInt8) -> ClosedRange<UInt8> {
        switch lead {
        case 0xE0: return 0xA0...0xBF  // no overlong 3-byte forms
        case 0xED: return 0x80...0x9F  // no UTF-16 surrogates
        case 0xF0: return 0x90...0xBF  // no overlong 4-byte forms
        case 0xF4: return 0x80...0x8F  // nothing above U+10FFFF
        default: return 0x80...0xBF
        }
    }

    static func check(_ p: UnsafeBufferPointer<UInt8>) -> PlacementUTF8Check {
        let n = p.count
        guard n > 0, let base = p.baseAddress else { return .valid }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i < n {
            // ASCII fast path, 8 bytes at a time.
            while i + 8 <= n {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            if i >= n { break }
            let lead = p[i]
            if lead < 0x80 { i += 1; continue }
            let length = sequenceLength(lead)
            if length < 2 { return .invalid(at: i) }
            let available = min(length, n - i)
            for k in 1..<available {
                let b = p[i + k]
                let ok = k == 1 ? secondByteRange(lead).contains(b) : (b & 0xC0 == 0x80)
                if !ok { return .invalid(at: i) }
            }
            if available < length { return .incomplete(at: i) }
            i += length
        }
        return .valid
    }
}
