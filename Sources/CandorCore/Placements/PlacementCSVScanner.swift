/// An incremental RFC 4180 scanner over bytes. It buffers only the current row: the
/// unescaped contents of its fields, back to back in `bytes`, and where each field ends.
///
/// Line ends: LF, CRLF, or a lone CR (old Mac exports), each one physical line. Inside a
/// quoted field they are content and still advance the line count, so a row's `rowLine`
/// is its first physical line.
struct PlacementCSVScanner: Sendable {
    enum State: UInt8, Sendable {
        case rowStart, fieldStart, unquoted, quoted, quotedSawQuote, quotedSawCR, afterCR
    }

    /// Quoting mistakes: the field is still read (the quote is kept as a character), and
    /// the parser decides what the mistake means for the row.
    enum Issue: Sendable, Equatable {
        /// `ab"c`: a quote inside a field that does not start with one.
        case strayQuote
        /// `"ab"c`: text after the closing quote.
        case textAfterClosingQuote
    }

    let maxRowBytes: Int
    private(set) var state: State = .rowStart
    /// The current row's field contents, unescaped, concatenated.
    private(set) var bytes: [UInt8] = []
    /// End offset in `bytes` of each finished field of the current row.
    private(set) var fieldEnds: [Int] = []
    /// Quoting mistakes in the current row, by field index.
    private(set) var issues: [(field: Int, issue: Issue)] = []
    /// The physical line the next byte is on.
    private(set) var line = 1
    /// The first physical line of the current row.
    private(set) var rowLine = 1
    private var quoteLine = 1

    init(maxRowBytes: Int) {
        self.maxRowBytes = maxRowBytes
        bytes.reserveCapacity(4096)
        fieldEnds.reserveCapacity(64)
    }

    /// Scans `p` from `position`. Returns true when a row is complete (read it, then call
    /// again with the same position), false when `p` is exhausted.
    mutating func next(_ p: UnsafeBufferPointer<UInt8>, _ position: inout Int) throws(PlacementFileError) -> Bool {
        let comma = PlacementBytes.comma, quote = PlacementBytes.quote
        let lf = PlacementBytes.lf, cr = PlacementBytes.cr
        let n = p.count
        var i = position
        defer { position = i }
        while i < n {
            switch state {
            case .afterCR:
                if p[i] == lf { i += 1 }  // CRLF: the CR already ended the line
                state = .rowStart
            case .rowStart:
                bytes.removeAll(keepingCapacity: true)
                fieldEnds.removeAll(keepingCapacity: true)
                if !issues.isEmpty { issues.removeAll() }
                rowLine = line
                state = .fieldStart
            case .fieldStart:
                if p[i] == quote {
                    quoteLine = line
                    state = .quoted
                    i += 1
                } else {
                    state = .unquoted
                }
            case .unquoted:
                var j = i
                while j < n {
                    let b = p[j]
                    if b == comma || b == lf || b == cr || b == quote { break }
                    j += 1
                }
                if j > i { try append(p, i, j) }
                i = j
                if j == n { return false }
                let b = p[j]
                i += 1
                if b == comma {
                    fieldEnds.append(bytes.count)
                    state = .fieldStart
                } else if b == quote {
                    noteIssue(.strayQuote)
                    bytes.append(quote)
                } else {
                    line += 1
                    fieldEnds.append(bytes.count)
                    state = b == cr ? .afterCR : .rowStart
                    return true
                }
            case .quoted:
                var j = i
                while j < n {
                    let b = p[j]
                    if b == quote || b == cr { break }
                    if b == lf { line += 1 }
                    j += 1
                }
                if j > i { try append(p, i, j) }
                i = j
                if j == n { return false }
                i += 1
                if p[j] == quote {
                    state = .quotedSawQuote
                } else {
                    bytes.append(cr)
                    state = .quotedSawCR
                }
            case .quotedSawCR:
                line += 1
                if p[i] == lf { bytes.append(lf); i += 1 }
                state = .quoted
            case .quotedSawQuote:
                let b = p[i]
                if b == quote {  // "" inside quotes is one quote
                    bytes.append(quote)
                    state = .quoted
                    i += 1
                } else if b == comma {
                    fieldEnds.append(bytes.count)
                    state = .fieldStart
                    i += 1
                } else if b == lf || b == cr {
                    i += 1
                    line += 1
                    fieldEnds.append(bytes.count)
                    state = b == cr ? .afterCR : .rowStart
                    return true
                } else {
                    noteIssue(.textAfterClosingQuote)
                    state = .unquoted
                }
            }
        }
        return false
    }

    /// End of input. Returns true if a last row without a line end is complete.
    mutating func finish() throws(PlacementFileError) -> Bool {
        switch state {
        case .rowStart, .afterCR:
            return false
        case .quoted, .quotedSawCR:
            throw .unterminatedQuote(line: quoteLine)
        case .fieldStart, .unquoted, .quotedSawQuote:
            fieldEnds.append(bytes.count)
            state = .rowStart
            return true
        }
    }

    @inline(__always)
    private mutating func append(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) throws(PlacementFileError) {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[from..<to]))
        if bytes.count > maxRowBytes {
            if state == .quoted { throw .unterminatedQuote(line: quoteLine) }
            throw .rowTooLong(line: rowLine, limitBytes: maxRowBytes)
        }
    }

    private mutating func noteIssue(_ issue: Issue) {
        let field = fieldEnds.count
        if !issues.contains(where: { $0.field == field }) { issues.append((field, issue)) }
    }
}
