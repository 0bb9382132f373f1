import Foundation

/// Where a consumer may be: NANP area code, US ZIP code (falling back to its 3-digit
/// prefix) and state → IANA zones. Loaded once from the generated tables in
/// `Resources/timezones/` (see scripts/tzdata/README.md for sources and licences).
public final class ZoneDirectory: Sendable {
    /// The tables shipped with CandorCore.
    public static let standard: ZoneDirectory = {
        do {
            return try ZoneDirectory(
                areaCodes: try resourceText("area-codes"),
                zipCodes: try resourceText("zip-codes"),
                states: try resourceText("states"))
        } catch {
            // Fails closed: with no zones every phone/sms/email contact is TIME_ZONE_UNKNOWN.
            return ZoneDirectory(empty: "\(error)")
        }
    }()

    /// Why the tables did not load (nil when they did); surfaced by health checks.
    public let loadProblem: String?
    let rules: [ZoneRules]
    private let sets: [ZoneSet]          // interned zone sets; index 0 is the empty set
    private let areaCodeSet: [UInt16]    // 1000 entries, by NPA
    private let zipSet: [UInt16]         // 100_000 entries, 0 = not listed
    private let prefixSet: [UInt16]      // 1000 entries, by 3-digit prefix
    private let stateSet: [UInt16]       // 676 entries, by USStateCode.key

    public enum LoadError: Error, CustomStringConvertible {
        case missingResource(String)
        case badLine(file: String, line: Int, text: String)
        case unknownZone(String)
        case tooManyZones

        public var description: String {
            switch self {
            case .missingResource(let name): return "missing resource timezones/\(name).txt"
            case .badLine(let file, let line, let text): return "\(file).txt line \(line): cannot read \"\(text)\""
            case .unknownZone(let name): return "time zone \(name) is unknown to Foundation"
            case .tooManyZones: return "more than \(ZoneSet.capacity) zones"
            }
        }
    }

    /// Builds a directory from the three text tables (formats in scripts/tzdata/generate.py).
    public init(areaCodes: String, zipCodes: String, states: String) throws {
        var builder = Builder()
        var areaCodeSet = [UInt16](repeating: 0, count: 1000)
        var zipSet = [UInt16](repeating: 0, count: 100_000)
        var prefixSet = [UInt16](repeating: 0, count: 1000)
        var stateSet = [UInt16](repeating: 0, count: 26 * 26)

        try Self.records(areaCodes, file: "area-codes") { fields, bad in
            guard fields.count >= 2, fields[0].count == 3, let npa = Int(fields[0]) else { throw bad }
            areaCodeSet[npa] = try builder.set(fields[1...])
        }
        try Self.records(zipCodes, file: "zip-codes") { fields, bad in
            guard fields.count >= 3 else { throw bad }
            switch fields[0] {
            case "P":
                guard fields[1].count == 3, let prefix = Int(fields[1]) else { throw bad }
                prefixSet[prefix] = try builder.set(fields[2...])
            case "Z":
                guard fields[1].count == 5, let zip = Int(fields[1]) else { throw bad }
                zipSet[zip] = try builder.set(fields[2...])
            default: throw bad
            }
        }
        try Self.records(states, file: "states") { fields, bad in
            guard fields.count >= 2, let state = USStateCode(String(fields[0])) else { throw bad }
            stateSet[state.key] = try builder.set(fields[1...])
        }
        loadProblem = nil
        rules = builder.rules
        sets = builder.sets
        self.areaCodeSet = areaCodeSet
        self.zipSet = zipSet
        self.prefixSet = prefixSet
        self.stateSet = stateSet
    }

    private init(empty problem: String) {
        loadProblem = problem
        rules = []
        sets = [ZoneSet()]
        areaCodeSet = [UInt16](repeating: 0, count: 1000)
        zipSet = [UInt16](repeating: 0, count: 100_000)
        prefixSet = [UInt16](repeating: 0, count: 1000)
        stateSet = [UInt16](repeating: 0, count: 26 * 26)
    }

    // MARK: Look-ups

    /// Zones of a NANP area code (empty when the table does not know it).
    @inline(__always)
    public func zones(areaCode: Int) -> ZoneSet {
        (0..<1000).contains(areaCode) ? sets[Int(areaCodeSet[areaCode])] : ZoneSet()
    }

    /// Zones of a ZIP code: the ZIP's own when listed, else its 3-digit prefix's.
    @inline(__always)
    public func zones(zip: ZIPCode) -> ZoneSet {
        let own = zipSet[zip.value]
        return sets[Int(own != 0 ? own : prefixSet[zip.prefix])]
    }

    /// Every zone of a state or territory (empty for an unknown code).
    @inline(__always)
    public func zones(state: USStateCode) -> ZoneSet { sets[Int(stateSet[state.key])] }

    /// The zones suggested by a mailing address. A state that spans zones is settled by
    /// the postal code; a postal code that contradicts the state adds its zones rather
    /// than dropping either (protects the consumer).
    @inline(__always)
    public func zones(state: USStateCode?, postalCode: ZIPCode?) -> ZoneSet {
        let byState = state.map { zones(state: $0) } ?? ZoneSet()
        let byZIP = postalCode.map { zones(zip: $0) } ?? ZoneSet()
        if byState.isEmpty { return byZIP }
        if byZIP.isEmpty { return byState }
        let both = byState.intersection(byZIP)
        return both.isEmpty ? byState.union(byZIP) : both
    }

    public func name(of zone: ZoneID) -> String { rules[zone.index].name }
    public func names(of zones: ZoneSet) -> [String] { zones.map { rules[$0.index].name } }
    public func zone(named name: String) -> ZoneID? { rules.firstIndex { $0.name == name }.map(ZoneID.init) }
    public var allZones: [ZoneID] { rules.indices.map(ZoneID.init) }
    /// Area codes the table knows.
    public var knownAreaCodes: [Int] { (0..<1000).filter { areaCodeSet[$0] != 0 } }

    /// The UTC offset in seconds of `zone` at `date`.
    public func utcOffset(of zone: ZoneID, at date: Date) -> Int {
        rules[zone.index].offset(at: Int(date.timeIntervalSince1970.rounded(.down)))
    }

    // MARK: Loading

    private struct Builder {
        var rules: [ZoneRules] = []
        var index: [String: Int] = [:]
        var sets: [ZoneSet] = [ZoneSet()]
        var setIndex: [ZoneSet: UInt16] = [ZoneSet(): 0]

        mutating func zone(_ name: Substring) throws -> ZoneID {
            let name = String(name)
            if let i = index[name] { return ZoneID(i) }
            guard let rules = ZoneRules(identifier: name) else { throw LoadError.unknownZone(name) }
            guard self.rules.count < ZoneSet.capacity else { throw LoadError.tooManyZones }
            index[name] = self.rules.count
            self.rules.append(rules)
            return ZoneID(self.rules.count - 1)
        }

        mutating func set(_ names: ArraySlice<Substring>) throws -> UInt16 {
            var set = ZoneSet()
            for name in names { set.insert(try zone(name)) }
            if let i = setIndex[set] { return i }
            sets.append(set)
            setIndex[set] = UInt16(sets.count - 1)
            return UInt16(sets.count - 1)
        }
    }

    private static func records(_ text: String, file: String,
                                _ body: ([Substring], LoadError) throws -> Void) throws {
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(separator: " ")
            try body(fields, LoadError.badLine(file: file, line: n + 1, text: trimmed))
        }
    }

    private static func resourceText(_ name: String) throws -> String {
        let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Resources/timezones")
            ?? Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "timezones")
            ?? Bundle.module.url(forResource: name, withExtension: "txt")
        guard let url else { throw LoadError.missingResource(name) }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
