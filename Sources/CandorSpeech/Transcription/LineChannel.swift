import Foundation

/// Lines read from a worker's stdout by a blocking reader thread, handed to one async waiter
/// at a time with a deadline. A plain AsyncStream cannot be awaited with a timeout without
/// moving its iterator between tasks, which Swift 6 forbids.
final class LineChannel: @unchecked Sendable {
    enum Next: Equatable { case line(String), closed, timedOut }

    private let lock = NSLock()
    private var buffer: [String] = []
    private var closed = false
    private var waiter: (id: UInt64, continuation: CheckedContinuation<Next, Never>)?
    private var nextID: UInt64 = 0
    private var expired: UInt64 = 0

    /// Starts the reader thread on `handle`; the channel closes at end of file.
    init(reading handle: FileHandle) {
        let thread = Thread { [self] in
            var pending = Data()
            while true {
                let chunk = handle.availableData  // blocks; empty at EOF
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let nl = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[pending.startIndex..<nl], as: UTF8.self)
                    pending = Data(pending[(nl + 1)...])
                    push(line)
                }
            }
            close()
        }
        thread.start()
    }

    private func push(_ line: String) {
        lock.lock()
        if let w = waiter {
            waiter = nil
            lock.unlock()
            w.continuation.resume(returning: .line(line))
        } else {
            buffer.append(line)
            lock.unlock()
        }
    }

    private func close() {
        lock.lock()
        closed = true
        let w = waiter
        waiter = nil
        lock.unlock()
        w?.continuation.resume(returning: .closed)
    }

    func next(timeout: Duration) async -> Next {
        let id = takeID()
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            if !Task.isCancelled { self?.expire(id) }
        }
        defer { timer.cancel() }
        return await withCheckedContinuation { c in
            lock.lock()
            if !buffer.isEmpty {
                let line = buffer.removeFirst()
                lock.unlock()
                c.resume(returning: .line(line))
            } else if closed {
                lock.unlock()
                c.resume(returning: .closed)
            } else if expired == id {  // the deadline passed before we got here
                lock.unlock()
                c.resume(returning: .timedOut)
            } else {
                waiter = (id, c)
                lock.unlock()
            }
        }
    }

    private func takeID() -> UInt64 {
        lock.lock(); defer { lock.unlock() }
        nextID += 1
        return nextID
    }

    private func expire(_ id: UInt64) {
        lock.lock()
        guard let w = waiter, w.id == id else { expired = id; lock.unlock(); return }
        waiter = nil
        lock.unlock()
        w.continuation.resume(returning: .timedOut)
    }
}
