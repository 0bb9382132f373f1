import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One running worker: the child process, its stdin, and a line channel on its stdout.
final class WorkerProcess: @unchecked Sendable {
    let process = Process()
    let stdin: FileHandle
    let lines: LineChannel

    init(executable: URL, arguments: [String], environment: [String: String], stderrLog: URL?) throws {
        // A write to a dead worker must fail with EPIPE, not kill the whole server with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let inPipe = Pipe(), outPipe = Pipe()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.standardInput = inPipe
        process.standardOutput = outPipe
        if let stderrLog {
            if !FileManager.default.fileExists(atPath: stderrLog.path) {
                FileManager.default.createFile(atPath: stderrLog.path, contents: nil)
            }
            let h = try FileHandle(forWritingTo: stderrLog)
            h.seekToEndOfFile()
            process.standardError = h
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        stdin = inPipe.fileHandleForWriting
        lines = LineChannel(reading: outPipe.fileHandleForReading)
    }

    var pid: Int32 { process.processIdentifier }

    func send(_ line: String) throws {
        try stdin.write(contentsOf: Data((line + "\n").utf8))
    }

    /// SIGKILL, not SIGTERM: a worker stuck inside native inference code may ignore SIGTERM.
    func kill() {
        if process.isRunning { _ = Glibc_kill(pid) }
        try? stdin.close()
    }
}

@inline(__always) private func Glibc_kill(_ pid: Int32) -> Int32 {
    kill(pid, SIGKILL)
}
