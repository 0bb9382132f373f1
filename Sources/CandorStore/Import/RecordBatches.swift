import CandorCore
import Foundation

/// Reads a placement file in chunks and hands out batches of valid records, keeping count of
/// rows and rejections on the way. Memory: one chunk and about one batch.
struct RecordBatches {
    var parser: PlacementParser
    let file: FileHandle
    let chunkSize: Int
    let batchSize: Int
    private var buffered: [PlacementRecord] = []
    private var finished = false

    private(set) var rows = 0
    private(set) var rejected = 0
    private(set) var errors: [PlacementRowError] = []
    private(set) var errorsNotListed = 0

    init(parser: PlacementParser, file: FileHandle, chunkSize: Int, batchSize: Int) {
        self.parser = parser; self.file = file; self.chunkSize = chunkSize; self.batchSize = batchSize
    }

    /// The next batch of up to `batchSize` records; empty at the end of the file.
    mutating func next() throws -> [PlacementRecord] {
        while buffered.count < batchSize && !finished {
            let data = try file.read(upToCount: chunkSize) ?? Data()
            let results: [PlacementRowResult]
            if data.isEmpty {
                finished = true
                results = try parser.finish()
            } else {
                results = try data.withUnsafeBytes { try parser.feed($0) }
            }
            take(results)
        }
        let count = min(batchSize, buffered.count)
        let batch = Array(buffered.prefix(count))
        buffered.removeFirst(count)
        return batch
    }

    private mutating func take(_ results: [PlacementRowResult]) {
        for result in results {
            rows += 1
            switch result {
            case .record(let record): buffered.append(record)
            case .rejected(_, let rowErrors):
                rejected += 1
                for error in rowErrors {
                    if errors.count < PlacementImporter.maxReportedErrors { errors.append(error) } else { errorsNotListed += 1 }
                }
            }
        }
    }
}
