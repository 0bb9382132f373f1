/// A NACHA (ACH) file of the agency's scheduled bank debits, in the fixed-width format of
/// the NACHA Operating Rules, Appendix Three: 94-character records, blocked by 10.
///
/// Layout: file header (1), then one batch per SEC code in the order PPD, TEL, WEB — batch
/// header (5), entry details (6) each followed by its addenda (7) if any, batch control (8)
/// — then the file control (9) and lines of 94 "9"s filling the last block of 10 records.
/// Everything that varies (creation date and time, file ID modifier) is injected, so the
/// same input always gives the same bytes.
public struct NachaFile: Sendable, Hashable {
    public var records: [String]
    public var batches: [Batch]
    /// Trace number of each input entry, in input order: store it with the payment so that
    /// a return (which quotes the trace number) finds its payment.
    public var traceNumbers: [String]
    public var batchCount: Int
    public var blockCount: Int
    public var entryAndAddendaCount: Int
    public var entryHash: Int64
    public var totalDebit: Money
    public var totalCredit: Money

    public struct Batch: Sendable, Hashable {
        public var number: Int
        public var secCode: NachaSECCode
        /// 225 debits only, 220 credits only, 200 mixed.
        public var serviceClassCode: String
        public var entryCount: Int
        public var addendaCount: Int
        public var entryHash: Int64
        public var totalDebit: Money
        public var totalCredit: Money
    }

    /// The file's text: records separated and ended by `\n`.
    public var text: String { records.joined(separator: "\n") + "\n" }

    /// The entry hash: the sum of the 8-digit RDFI identifications, keeping the last 10
    /// digits (the field is 10 wide and the sum overflows it in large files).
    public static func entryHash(_ routings: some Sequence<RoutingNumber>) -> Int64 {
        routings.reduce(Int64(0)) { ($0 + Int64($1.dfiIdentification)!) % 10_000_000_000 }
    }

    /// - Parameter firstTraceSequence: the 7-digit sequence of the file's first entry. Trace
    ///   numbers must stay unique across files (a return quotes only the trace), so the
    ///   caller continues after the last one it used with this ODFI.
    public static func build(originator: NachaOriginator, effectiveDate: LocalDate, stamp: NachaFileStamp,
                             entries: [NachaEntry], firstTraceSequence: Int64 = 1) throws(NachaError) -> NachaFile {
        try validate(originator: originator, effectiveDate: effectiveDate, stamp: stamp, entries: entries)
        guard max(1, firstTraceSequence) + Int64(entries.count) - 1 <= 9_999_999 else { throw .traceNumbersExhausted }
        let odfi = originator.originatingDFI.dfiIdentification
        var records = [fileHeader(originator, stamp)]
        var batches: [Batch] = []
        var traceNumbers = Array(repeating: "", count: entries.count)
        var traceSequence = max(1, firstTraceSequence) - 1

        for sec in NachaSECCode.allCases.sorted() {
            let members = entries.indices.filter { entries[$0].secCode == sec }
            guard !members.isEmpty else { continue }
            let number = batches.count + 1
            let hasDebits = members.contains { entries[$0].direction == .debit }
            let hasCredits = members.contains { entries[$0].direction == .credit }
            let serviceClass = hasDebits && hasCredits ? "200" : hasDebits ? "225" : "220"
            records.append(batchHeader(originator, serviceClass, sec, effectiveDate, number))

            var addenda = 0
            var debit = Money.zero, credit = Money.zero
            for index in members {
                let entry = entries[index]
                traceSequence += 1
                let trace = odfi + NachaField.numeric(traceSequence, 7)
                traceNumbers[index] = trace
                records.append(entryDetail(entry, trace: trace))
                if let info = entry.paymentRelatedInfo {
                    addenda += 1
                    records.append(addendaRecord(info, trace: trace))
                }
                if entry.direction == .debit { debit += entry.amount } else { credit += entry.amount }
            }
            let batch = Batch(number: number, secCode: sec, serviceClassCode: serviceClass, entryCount: members.count,
                              addendaCount: addenda, entryHash: entryHash(members.map { entries[$0].routing }),
                              totalDebit: debit, totalCredit: credit)
            records.append(batchControl(batch, originator))
            batches.append(batch)
        }

        let entryAndAddenda = batches.reduce(0) { $0 + $1.entryCount + $1.addendaCount }
        let recordCount = records.count + 1
        let blocks = (recordCount + 9) / 10
        let hash = batches.reduce(Int64(0)) { ($0 + $1.entryHash) % 10_000_000_000 }
        let debit = batches.reduce(Money.zero) { $0 + $1.totalDebit }
        let credit = batches.reduce(Money.zero) { $0 + $1.totalCredit }
        guard debit.cents <= 999_999_999_999, credit.cents <= 999_999_999_999 else { throw .totalTooLarge }

        var control = NachaRecord()
        control.add("9")
        control.add(NachaField.numeric(Int64(batches.count), 6))
        control.add(NachaField.numeric(Int64(blocks), 6))
        control.add(NachaField.numeric(Int64(entryAndAddenda), 8))
        control.add(NachaField.numeric(hash, 10))
        control.add(NachaField.numeric(debit.cents, 12))
        control.add(NachaField.numeric(credit.cents, 12))
        control.add(String(repeating: " ", count: 39))
        records.append(control.finished)
        // Blocking factor 10: fill the last block with records of all 9s.
        records += Array(repeating: String(repeating: "9", count: 94), count: blocks * 10 - recordCount)

        return NachaFile(records: records, batches: batches, traceNumbers: traceNumbers, batchCount: batches.count,
                         blockCount: blocks, entryAndAddendaCount: entryAndAddenda, entryHash: hash,
                         totalDebit: debit, totalCredit: credit)
    }

    static func fileHeader(_ o: NachaOriginator, _ stamp: NachaFileStamp) -> String {
        var r = NachaRecord()
        r.add("1")
        r.add("01")                                   // priority code
        r.add(" " + o.immediateDestination.digits)    // b + 9-digit routing
        r.add(o.immediateOrigin.count == 9 ? " " + o.immediateOrigin : o.immediateOrigin)
        r.add(NachaField.date(stamp.date))
        r.add(NachaField.numeric(Int64(stamp.hour), 2) + NachaField.numeric(Int64(stamp.minute), 2))
        r.add(String(stamp.fileIDModifier))
        r.add("094")                                  // record size
        r.add("10")                                   // blocking factor
        r.add("1")                                    // format code
        r.add(NachaField.alpha(o.immediateDestinationName, 23))
        r.add(NachaField.alpha(o.immediateOriginName, 23))
        r.add(String(repeating: " ", count: 8))       // reference code
        return r.finished
    }

    static func batchHeader(_ o: NachaOriginator, _ serviceClass: String, _ sec: NachaSECCode,
                            _ effective: LocalDate, _ number: Int) -> String {
        var r = NachaRecord()
        r.add("5")
        r.add(serviceClass)
        r.add(NachaField.alpha(o.companyName, 16))
        r.add(String(repeating: " ", count: 20))      // company discretionary data
        r.add(NachaField.alpha(o.companyID, 10))
        r.add(sec.rawValue)
        r.add(NachaField.alpha(o.entryDescription, 10))
        r.add(String(repeating: " ", count: 6))       // company descriptive date
        r.add(NachaField.date(effective))
        r.add("   ")                                  // settlement date: the ACH operator fills it
        r.add("1")                                    // originator status code: a depository FI
        r.add(o.originatingDFI.dfiIdentification)
        r.add(NachaField.numeric(Int64(number), 7))
        return r.finished
    }

    static func entryDetail(_ e: NachaEntry, trace: String) -> String {
        var r = NachaRecord()
        r.add("6")
        r.add(e.transactionCode)
        r.add(e.routing.dfiIdentification)
        r.add(String(e.routing.checkDigit))
        r.add(NachaField.alpha(normalizedAccount(e.accountNumber), 17))
        r.add(NachaField.numeric(e.amount.cents, 10))
        // TEL cannot have addenda, so the authorization recording's reference takes the
        // Individual Identification Number field (see NachaEntry.recordingReference).
        r.add(NachaField.alpha(e.secCode == .tel ? NachaField.trimmed(e.recordingReference ?? "") : e.individualID, 15))
        r.add(NachaField.alpha(e.name, 22))
        // WEB and TEL: Payment Type Code; PPD: discretionary data, unused.
        r.add(e.secCode == .ppd ? "  " : e.paymentType.rawValue + " ")
        r.add(e.paymentRelatedInfo == nil ? "0" : "1")
        r.add(trace)
        return r.finished
    }

    static func addendaRecord(_ info: String, trace: String) -> String {
        var r = NachaRecord()
        r.add("7")
        r.add("05")                                   // addenda type: payment related information
        r.add(NachaField.alpha(info, 80))
        r.add("0001")                                 // addenda sequence number
        r.add(String(trace.suffix(7)))                // entry detail sequence number
        return r.finished
    }

    static func batchControl(_ b: Batch, _ o: NachaOriginator) -> String {
        var r = NachaRecord()
        r.add("8")
        r.add(b.serviceClassCode)
        r.add(NachaField.numeric(Int64(b.entryCount + b.addendaCount), 6))
        r.add(NachaField.numeric(b.entryHash, 10))
        r.add(NachaField.numeric(b.totalDebit.cents, 12))
        r.add(NachaField.numeric(b.totalCredit.cents, 12))
        r.add(NachaField.alpha(o.companyID, 10))
        r.add(String(repeating: " ", count: 19))      // message authentication code
        r.add(String(repeating: " ", count: 6))       // reserved
        r.add(o.originatingDFI.dfiIdentification)
        r.add(NachaField.numeric(Int64(b.number), 7))
        return r.finished
    }

    /// Account numbers are written without spaces or hyphens, in upper case.
    static func normalizedAccount(_ text: String) -> String { BankAccountIdentity.normalized(text) }
}
