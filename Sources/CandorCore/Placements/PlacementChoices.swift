/// The fixed vocabularies of the placement file, matched byte by byte, case-insensitively.
enum PlacementChoices {
    struct Table<T: Sendable>: Sendable {
        let entries: [(bytes: [UInt8], value: T)]
        /// For messages: `credit_card, medical, ...`.
        let list: String

        init(_ values: [(String, T)]) {
            entries = values.map { (Array($0.0.utf8), $0.1) }
            list = values.map(\.0).joined(separator: ", ")
        }


        func match(_ cell: UnsafeBufferPointer<UInt8>) -> T? {
            outer: for entry in entries where entry.bytes.count == cell.count {
                for i in 0..<cell.count {
                    var b = cell[i]
                    if b >= 65, b <= 90 { b += 32 }
                    if b != entry.bytes[i] { continue outer }
                }
                return entry.value
            }
            return nil
        }
    }

    static func table<E: RawRepresentable & CaseIterable & Sendable>(_ type: E.Type) -> Table<E> where E.RawValue == String {
        Table(E.allCases.map { ($0.rawValue, $0) })
    }

    static let products = table(Account.Product.self)
    static let itemizationDateTypes = table(Itemization.DateType.self)
    static let lineTypes = table(PhoneLineType.self)

    /// ISO 639-1 codes, as a 26×26 table indexed by (first letter, second letter).
    static let iso639_1: [Bool] = {
        let codes = """
            aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy \
            da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu \
            hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb \
            lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om \
            or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw \
            ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
            """
        var table = [Bool](repeating: false, count: 26 * 26)
        for code in codes.split(separator: " ") {
            let b = Array(code.utf8)
            table[Int(b[0] - 97) * 26 + Int(b[1] - 97)] = true
        }
        return table
    }()
}
