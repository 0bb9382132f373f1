import Foundation

/// One `Range: bytes=...` request header against a body of `total` bytes (RFC 9110 14.2), so a
/// browser's audio player can seek in a recording. One range only: a multi-range request gets
/// the whole body, as the RFC allows; a range that starts past the end is unsatisfiable (416).
enum ByteRange: Equatable {
    /// No usable Range header: answer 200 with the whole body.
    case whole
    /// Answer 206 with bytes `lower...upper` (inclusive).
    case partial(lower: Int, upper: Int)
    /// Answer 416 with `Content-Range: bytes */total`.
    case unsatisfiable

    init(header: String?, total: Int) {
        guard let header = header?.trimmingCharacters(in: .whitespaces), header.lowercased().hasPrefix("bytes="),
              total > 0 else { self = .whole; return }
        let spec = header.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { self = .whole; return }
        let first = spec[..<dash].trimmingCharacters(in: .whitespaces), last = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        switch (Int(first), Int(last)) {
        case let (start?, end?) where start >= 0 && end >= start:
            self = start >= total ? .unsatisfiable : .partial(lower: start, upper: min(end, total - 1))
        case let (start?, nil) where last.isEmpty && start >= 0:
            self = start >= total ? .unsatisfiable : .partial(lower: start, upper: total - 1)
        case let (nil, suffix?) where first.isEmpty && suffix > 0:
            self = .partial(lower: max(0, total - suffix), upper: total - 1)
        case (nil, 0?) where first.isEmpty:
            self = .unsatisfiable
        default:
            self = .whole  // syntactically invalid: ignore the header, as the RFC says
        }
    }
}
