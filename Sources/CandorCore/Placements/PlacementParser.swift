/// The streaming parser and validator of placement files (shared/spec/placements.md).
///
/// No I/O: the caller reads the file in chunks of any size and feeds them in order; rows
/// come back as soon as they are complete. Only the current row is buffered, so memory does
/// not grow with the file. A thrown `PlacementFileError` means the file is unusable and
/// nothing from it should be kept; after it every call throws the same error.
///
///     var parser = PlacementParser(today: today)
///     while let chunk = read(1 << 20) { for result in try parser.feed(chunk) { ... } }
///     for result in try parser.finish() { ... }
public struct PlacementParser: Sendable {
    /// A row longer than this is not a placement row (a binary file, or a quote never
    /// closed that swallows the rest of the file).
    public static let maxRowBytes = 1 << 20

    /// Dates after this are "in the future".
    public let today: LocalDate
    /// Unknown header columns, in header order, as written (unnamed columns are not listed).
    public private(set) var ignoredColumns: [String] = []
    /// Rows with no content at all (blank lines, a line of only commas), skipped.
    public private(set) var blankRowsSkipped = 0
    /// The header, once read: each field's column, `nil` for ignored ones.
    public var columns: [PlacementColumn?]? { header?.columnOfField }

    private var scanner = PlacementCSVScanner(maxRowBytes: PlacementParser.maxRowBytes)
    private var header: PlacementHeader?
    private var startChecked = false
    private var startBytes: [UInt8] = []
    private var utf8Carry: [UInt8] = []
    private var failure: PlacementFileError?
    private var finished = false

    public init(today: LocalDate) {
        self.today = today
    }

    /// Feeds the next chunk; returns the rows it completed, in file order.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer) throws(PlacementFileError) -> [PlacementRowResult] {
        let p = UnsafeBufferPointer(start: chunk.baseAddress?.assumingMemoryBound(to: UInt8.self), count: chunk.count)
        return try guarded { (this, out) throws(PlacementFileError) in try this.consume(p, into: &out) }
    }

    public mutating func feed(_ chunk: [UInt8]) throws(PlacementFileError) -> [PlacementRowResult] {
        try chunk.withUnsafeBufferPointer { (p) throws(PlacementFileError) in try feed(UnsafeRawBufferPointer(p)) }
    }

    public mutating func feed(_ chunk: ArraySlice<UInt8>) throws(PlacementFileError) -> [PlacementRowResult] {
        try chunk.withUnsafeBufferPointer { (p) throws(PlacementFileError) in try feed(UnsafeRawBufferPointer(p)) }
    }

    /// End of file: returns the last row if it had no line end. Throws if the file ends
    /// inside a quoted field or a UTF-8 sequence, or never had a header.
    public mutating func finish() throws(PlacementFileError) -> [PlacementRowResult] {
        try guarded { (this, out) throws(PlacementFileError) in
            precondition(!this.finished, "PlacementParser.finish() called twice")
            this.finished = true
            if !this.startChecked {
                this.startChecked = true
                let start = this.startBytes
                this.startBytes = []
                try start.withUnsafeBufferPointer { (p) throws(PlacementFileError) in try this.process(p, into: &out) }
            }
            if !this.utf8Carry.isEmpty { throw .notUTF8(line: this.scanner.line) }
            if try this.scanner.finish() { try this.completeRow(into: &out) }
            if this.header == nil { throw .noHeader }
        }
    }

    /// Parses a whole file held in memory (tests, small uploads).
    public static func parse(_ bytes: [UInt8], today: LocalDate) throws(PlacementFileError)
        -> (results: [PlacementRowResult], ignoredColumns: [String]) {
        var parser = PlacementParser(today: today)
        var results = try parser.feed(bytes)
        results += try parser.finish()
        return (results, parser.ignoredColumns)
    }

    private mutating func guarded(
        _ body: (inout PlacementParser, inout [PlacementRowResult]) throws(PlacementFileError) -> Void
    ) throws(PlacementFileError) -> [PlacementRowResult] {
        if let failure { throw failure }
        var out: [PlacementRowResult] = []
        do throws(PlacementFileError) {
            try body(&self, &out)
        } catch {
            failure = error
            throw error
        }
        return out
    }

    /// Strips a UTF-8 byte order mark, which may arrive split over 1-byte chunks.
    private mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>, into out: inout [PlacementRowResult]) throws(PlacementFileError) {
        var p = chunk
        if !startChecked {
            let take = min(3 - startBytes.count, p.count)
            startBytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[0..<take]))
            p = UnsafeBufferPointer(rebasing: p[take...])
            if startBytes.count < 3 { return }
            startChecked = true
            let start = startBytes
            startBytes = []
            if start != [0xEF, 0xBB, 0xBF] {
                try start.withUnsafeBufferPointer { (s) throws(PlacementFileError) in try process(s, into: &out) }
            }
        }
        try process(p, into: &out)
    }

    /// Validates UTF-8 (carrying a sequence split between chunks), then scans.
    private mutating func process(_ chunk: UnsafeBufferPointer<UInt8>, into out: inout [PlacementRowResult]) throws(PlacementFileError) {
        var p = chunk
        if !utf8Carry.isEmpty {
            let need = PlacementUTF8Check.sequenceLength(utf8Carry[0]) - utf8Carry.count
            let take = min(need, p.count)
            utf8Carry.append(contentsOf: UnsafeBufferPointer(rebasing: p[0..<take]))
            p = UnsafeBufferPointer(rebasing: p[take...])
            let sequence = utf8Carry
            switch sequence.withUnsafeBufferPointer({ PlacementUTF8Check.check($0) }) {
            case .invalid: throw .notUTF8(line: scanner.line)
            case .incomplete: return  // the chunk was shorter than the sequence
            case .valid:
                utf8Carry = []
                try sequence.withUnsafeBufferPointer { (s) throws(PlacementFileError) in try scan(s, into: &out) }
            }
        }
        switch PlacementUTF8Check.check(p) {
        case .valid:
            try scan(p, into: &out)
        case .incomplete(let at):
            try scan(UnsafeBufferPointer(rebasing: p[..<at]), into: &out)
            utf8Carry = Array(p[at...])
        case .invalid(let at):
            // Scan up to the bad byte so the line number counts quoted line breaks right.
            try scan(UnsafeBufferPointer(rebasing: p[..<at]), into: &out)
            throw .notUTF8(line: scanner.line)
        }
    }

    private mutating func scan(_ p: UnsafeBufferPointer<UInt8>, into out: inout [PlacementRowResult]) throws(PlacementFileError) {
        var position = 0
        while try scanner.next(p, &position) {
            try completeRow(into: &out)
        }
    }

    private mutating func completeRow(into out: inout [PlacementRowResult]) throws(PlacementFileError) {
        if scanner.bytes.isEmpty {  // every cell empty
            blankRowsSkipped += 1
            return
        }
        guard let header else {
            let header = try PlacementHeader(scanner: scanner)
            self.header = header
            ignoredColumns = header.ignoredColumns
            return
        }
        out.append(PlacementRowValidator.validate(scanner: scanner, header: header, today: today))
    }
}

/// The header row: which field holds which column.
struct PlacementHeader: Sendable {
    let fieldCount: Int
    /// For each field, its column (`nil`: ignored).
    let columnOfField: [PlacementColumn?]
    /// Indexed by `PlacementColumn.rawValue`: the field holding it, or -1.
    let fieldOfColumn: [Int]
    /// For each field, the name as written (for errors about ignored columns).
    let namesAsWritten: [String]
    let ignoredColumns: [String]

    init(scanner: PlacementCSVScanner) throws(PlacementFileError) {
        var names: [String] = []
        var start = 0
        for end in scanner.fieldEnds {
            names.append(String(decoding: scanner.bytes[start..<end], as: UTF8.self))
            start = end
        }
        var columnOfField: [PlacementColumn?] = []
        var fieldOfColumn = [Int](repeating: -1, count: PlacementColumn.allCases.count)
        var ignored: [String] = []
        for (index, name) in names.enumerated() {
            let column = PlacementColumn(headerName: name)
            columnOfField.append(column)
            if let column {
                // Two columns claiming the same field: which one the client meant is a guess.
                guard fieldOfColumn[column.rawValue] < 0 else { throw .duplicateColumn(name) }
                fieldOfColumn[column.rawValue] = index
            } else {
                let trimmed = String(decoding: PlacementBytes.trimmed(Array(name.utf8)), as: UTF8.self)
                if !trimmed.isEmpty, !ignored.contains(name) { ignored.append(name) }
            }
        }
        let missing = PlacementColumn.allCases.filter { $0.isRequired && fieldOfColumn[$0.rawValue] < 0 }
        guard missing.isEmpty else { throw .missingRequiredColumns(missing.map(\.name)) }
        self.fieldCount = names.count
        self.columnOfField = columnOfField
        self.fieldOfColumn = fieldOfColumn
        self.namesAsWritten = names
        self.ignoredColumns = ignored
    }
}
