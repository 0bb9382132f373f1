extension NachaFile {
    /// Rejects, before writing anything, what would make a file the bank refuses or an
    /// entry that cannot be traced: everything is checked up front so a file is all or nothing.
    static func validate(originator o: NachaOriginator, effectiveDate: LocalDate, stamp: NachaFileStamp,
                         entries: [NachaEntry]) throws(NachaError) {
        guard !entries.isEmpty else { throw .noEntries }
        guard (0...23).contains(stamp.hour), (0...59).contains(stamp.minute) else {
            throw .invalidStamp("time \(stamp.hour):\(stamp.minute)")
        }
        let modifier = stamp.fileIDModifier
        guard modifier.isASCII, modifier.isUppercase || modifier.isNumber else {
            throw .invalidStamp("file ID modifier '\(modifier)' must be A–Z or 0–9")
        }
        guard effectiveDate >= stamp.date else {
            throw .effectiveDateBeforeCreation(effective: effectiveDate, created: stamp.date)
        }
        // Originator fields are configuration: a value that does not fit is a mistake to
        // fix, not something to cut silently.
        let originatorFields: [(String, String, Int)] = [
            ("immediate destination name", o.immediateDestinationName, 23),
            ("immediate origin name", o.immediateOriginName, 23),
            ("company name", o.companyName, 16), ("company ID", o.companyID, 10),
            ("company entry description", o.entryDescription, 10),
        ]
        for (name, value, width) in originatorFields where !NachaField.fits(value, width) {
            throw .fieldTooLong(entry: nil, field: name, maximum: width)
        }
        guard o.immediateOrigin.utf8.count == 10 || (o.immediateOrigin.utf8.count == 9
            && o.immediateOrigin.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }) else {
            throw .fieldTooLong(entry: nil, field: "immediate origin (10 characters, or a 9-digit routing number)", maximum: 10)
        }

        for (i, e) in entries.enumerated() { try e.validate(entry: i) }
    }
}

extension NachaEntry {
    /// What makes this one entry unfit for a file. Checked when the payment is taken, so an
    /// accepted debit can never block its day's file; `entry` numbers it in a file's errors.
    public func validate(entry index: Int = 0) throws(NachaError) {
        guard amount > .zero else { throw .nonPositiveAmount(entry: index, amount) }
        guard amount.cents <= 99_999_999_99 else { throw .amountTooLarge(entry: index, amount) }
        let account = NachaFile.normalizedAccount(accountNumber)
        guard (1...17).contains(account.utf8.count),
              account.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) }) else {
            throw .accountNumber(entry: index, accountNumber)
        }
        if let info = paymentRelatedInfo {
            // NACHA Rules: TEL entries carry no addenda records.
            guard secCode != .tel else { throw .addendaNotAllowed(entry: index, .tel) }
            guard NachaField.fits(info, 80) else {
                throw .fieldTooLong(entry: index, field: "payment related information", maximum: 80)
            }
        }
        switch secCode {
        case .tel:
            // TEL is for consumer debits authorized by phone; there are no TEL credits.
            guard direction == .debit else { throw .telMustBeDebit(entry: index) }
            let reference = NachaField.trimmed(recordingReference ?? "")
            guard !reference.isEmpty else { throw .missingRecordingReference(entry: index) }
            guard NachaField.fits(reference, 15) else {
                throw .fieldTooLong(entry: index, field: "recording reference", maximum: 15)
            }
        case .ppd, .web:
            guard NachaField.fits(individualID, 15) else {
                throw .fieldTooLong(entry: index, field: "individual ID", maximum: 15)
            }
        }
    }
}
