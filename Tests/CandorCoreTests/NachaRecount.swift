/// An independent reading of a NACHA file's records for the tests: recomputes every control
/// field from the entry records by position, without using the writer's code.
struct NachaRecount {
    var problems: [String] = []
    var fileHash: Int64 = 0
    var fileDebit: Int64 = 0
    var fileCredit: Int64 = 0

    init(_ records: [String]) {
        func field(_ r: String, _ from: Int, _ to: Int) -> String {
            String(decoding: Array(r.utf8)[(from - 1)..<to], as: UTF8.self)
        }
        func number(_ r: String, _ from: Int, _ to: Int) -> Int64 { Int64(field(r, from, to)) ?? -1 }
        var batches = 0, entryAddenda = 0
        var hash: Int64 = 0, debit: Int64 = 0, credit: Int64 = 0, count = 0
        var controlIndex: Int?
        for (i, r) in records.enumerated() {
            if r.utf8.count != 94 { problems.append("record \(i + 1) is \(r.utf8.count) long") }
            switch r.first {
            case "5":
                batches += 1; hash = 0; debit = 0; credit = 0; count = 0
            case "6":
                count += 1
                hash += number(r, 4, 11)
                let amount = number(r, 30, 39)
                switch field(r, 2, 3) {
                case "27", "37": debit += amount
                case "22", "32": credit += amount
                default: problems.append("record \(i + 1): transaction code \(field(r, 2, 3))")
                }
            case "7":
                count += 1
            case "8":
                hash %= 10_000_000_000
                if number(r, 5, 10) != Int64(count) { problems.append("batch \(batches): count") }
                if number(r, 11, 20) != hash { problems.append("batch \(batches): hash") }
                if number(r, 21, 32) != debit { problems.append("batch \(batches): debit") }
                if number(r, 33, 44) != credit { problems.append("batch \(batches): credit") }
                if number(r, 88, 94) != Int64(batches) { problems.append("batch \(batches): number") }
                entryAddenda += count
                fileHash = (fileHash + hash) % 10_000_000_000
                fileDebit += debit; fileCredit += credit
            case "9" where controlIndex == nil:
                controlIndex = i
                if number(r, 2, 7) != Int64(batches) { problems.append("file: batch count") }
                if number(r, 8, 13) != Int64(records.count / 10) { problems.append("file: block count") }
                if number(r, 14, 21) != Int64(entryAddenda) { problems.append("file: entry/addenda count") }
                if number(r, 22, 31) != fileHash { problems.append("file: hash") }
                if number(r, 32, 43) != fileDebit { problems.append("file: debit") }
                if number(r, 44, 55) != fileCredit { problems.append("file: credit") }
            case "9", "1": break
            default: problems.append("record \(i + 1): unknown type")
            }
        }
        if records.count % 10 != 0 { problems.append("not blocked by 10") }
        if let c = controlIndex, records[(c + 1)...].contains(where: { $0 != String(repeating: "9", count: 94) }) {
            problems.append("non-9 record after the file control")
        }
    }
}
