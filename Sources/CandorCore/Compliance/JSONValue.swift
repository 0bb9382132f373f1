import Foundation

/// A JSON document as a value, so scenario decoding can name the exact field that is
/// wrong instead of failing the whole file.
public enum JSONValue: Sendable, Hashable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public static func parse(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// What kind of value this is, for error messages.
    var kind: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// Writes JSON the way Python's `json.dumps(..., indent=1)` does (the shape of the
/// shared examples), so outputs can be compared byte for byte as well as by value.
struct JSONWriter {
    var text = ""

    mutating func string(_ s: String) {
        text.append("\"")
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": text.append("\\\"")
            case "\\": text.append("\\\\")
            case "\n": text.append("\\n")
            case "\r": text.append("\\r")
            case "\t": text.append("\\t")
            case "\u{08}": text.append("\\b")
            case "\u{0C}": text.append("\\f")
            default:
                if scalar.value < 0x20 || scalar.value > 0x7E {
                    for unit in String(scalar).utf16 { text.append(String(format: "\\u%04x", unit)) }
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text.append("\"")
    }

    mutating func value(_ value: JSONValue, indent: Int) {
        switch value {
        case .null: text.append("null")
        case .bool(let b): text.append(b ? "true" : "false")
        case .number(let n):
            if n.rounded() == n, abs(n) < 1e15 { text.append(String(Int64(n))) } else { text.append("\(n)") }
        case .string(let s): string(s)
        case .array(let items):
            if items.isEmpty { text.append("[]"); return }
            text.append("[")
            for (i, item) in items.enumerated() {
                text.append(i == 0 ? "\n" : ",\n")
                pad(indent + 1)
                self.value(item, indent: indent + 1)
            }
            text.append("\n"); pad(indent); text.append("]")
        case .object(let fields):
            object(fields.sorted { $0.key < $1.key }, indent: indent)
        }
    }

    /// An object with its keys in the given order.
    mutating func object(_ fields: [(key: String, value: JSONValue)], indent: Int) {
        if fields.isEmpty { text.append("{}"); return }
        text.append("{")
        for (i, field) in fields.enumerated() {
            text.append(i == 0 ? "\n" : ",\n")
            pad(indent + 1)
            string(field.key)
            text.append(": ")
            value(field.value, indent: indent + 1)
        }
        text.append("\n"); pad(indent); text.append("}")
    }

    /// An array of objects, each with its keys in the given order.
    mutating func objects(_ items: [[(key: String, value: JSONValue)]], indent: Int) {
        if items.isEmpty { text.append("[]"); return }
        text.append("[")
        for (i, item) in items.enumerated() {
            text.append(i == 0 ? "\n" : ",\n")
            pad(indent + 1)
            object(item, indent: indent + 1)
        }
        text.append("\n"); pad(indent); text.append("]")
    }

    private mutating func pad(_ n: Int) { text.append(String(repeating: " ", count: n)) }
}
