import CandorStore
import Foundation
import Logging
import ServiceLifecycle

/// The analysis queue's worker inside `candor serve`: claims due jobs one at a time, sleeps
/// `pollInterval` when the queue is empty, and stops between jobs on graceful shutdown
/// (a job in progress finishes first; a killed worker's job is taken again after its lease).
public struct SpeechWorkerService: Service {
    public let worker: SpeechWorker
    public let pollInterval: Duration
    /// Stops the engine's background process when the service ends.
    public let onStop: @Sendable () async -> Void
    let logger = Logger(label: "candor.speech.worker")

    public init(worker: SpeechWorker, pollInterval: Duration = .seconds(5), onStop: @escaping @Sendable () async -> Void = {}) {
        self.worker = worker; self.pollInterval = pollInterval; self.onStop = onStop
    }

    public func run() async throws {
        logger.info("speech worker started", metadata: ["worker": .string(worker.name)])
        // Only the idle wait is cut short by shutdown; a job under way is not cancelled.
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                if try await worker.runOnce() != nil { continue }
            } catch {
                logger.error("speech worker: the queue could not be read", metadata: ["error": .string(String(describing: error))])
            }
            let pause = pollInterval
            await cancelWhenGracefulShutdown { try? await Task.sleep(for: pause) }
        }
        await onStop()
        logger.info("speech worker stopped")
    }
}
