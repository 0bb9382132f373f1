import Crypto
import Foundation

/// The first pass over a placement file: its SHA-256 (the same file sent again resumes its
/// placement) and the checks that make a file unusable as a whole — bytes that are not
/// UTF-8, a quote never closed. They run before anything is written, so an unusable file
/// imports nothing, even when the fault is on its last line.
struct FilePrecheck {
    struct Result {
        let sha256: String
        let bytes: Int
    }

    enum Failure: Error, Equatable, CustomStringConvertible {
        case cannotRead(String)
        case notUTF8(line: Int)
        case unterminatedQuote(line: Int)
        case empty
        var description: String {
            switch self {
            case .cannotRead(let path): return "cannot read \(path)"
            case .notUTF8(let line): return "the file is not UTF-8 (first bad byte on line \(line)); save it as UTF-8 and send it again"
            case .unterminatedQuote(let line): return "a quoted field opened on line \(line) is never closed"
            case .empty: return "the file is empty (no header line)"
            }
        }
    }

    static func run(path: String, chunkSize: Int = 1 << 20) throws(Failure) -> Result {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .cannotRead(path) }
        defer { try? handle.close() }
        var hasher = SHA256()
        var validator = UTF8Validator()
        var total = 0
        var line = 1
        var inQuotes = false
        var quoteOpenedLine = 0
        while true {
            let data: Data
            do { data = try handle.read(upToCount: chunkSize) ?? Data() } catch { throw .cannotRead(path) }
            if data.isEmpty { break }
            total += data.count
            hasher.update(data: data)
            var badLine: Int?
            data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                for byte in raw {
                    if !validator.feed(byte) { badLine = badLine ?? line }
                    if byte == 0x0A { line += 1 }
                    else if byte == 0x22 {
                        // RFC 4180: quotes pair up ("" is an escaped quote, two toggles).
                        inQuotes.toggle()
                        if inQuotes { quoteOpenedLine = line }
                    }
                }
            }
            if let badLine { throw .notUTF8(line: badLine) }
        }
        if !validator.isComplete { throw .notUTF8(line: line) }
        if total == 0 { throw .empty }
        if inQuotes { throw .unterminatedQuote(line: quoteOpenedLine) }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return Result(sha256: digest, bytes: total)
    }
}

/// A byte-at-a-time UTF-8 validator (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF).
struct UTF8Validator {
    private var needed = 0
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF

    var isComplete: Bool { needed == 0 }

    mutating func feed(_ b: UInt8) -> Bool {
        if needed == 0 {
            switch b {
            case 0x00...0x7F: return true
            case 0xC2...0xDF: needed = 1
            case 0xE0: needed = 2; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: needed = 2
            case 0xED: needed = 2; upper = 0x9F
            case 0xF0: needed = 3; lower = 0x90
            case 0xF1...0xF3: needed = 3
            case 0xF4: needed = 3; upper = 0x8F
            default: return false
            }
            return true
        }
        guard b >= lower, b <= upper else { needed = 0; lower = 0x80; upper = 0xBF; return false }
        lower = 0x80; upper = 0xBF
        needed -= 1
        return true
    }
}
