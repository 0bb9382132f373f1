import ArgumentParser

@main
struct Candor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "candor",
        abstract: "Candor: debt collection with care. One binary for every role.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, ClientsCommand.self, UsersCommand.self, ImportCommand.self, DemoCommand.self,
            ComplianceCommand.self, DialerCommand.self, SpeechCommand.self, RecordingsCommand.self, PaymentsCommand.self, AuditCommand.self,
            CollectionsCommand.self,
            BenchCommand.self,
        ]
    )
}

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Release-mode benchmarks (build with `swift build -c release`). Import: Benchmarks/import.sh.",
        subcommands: [BenchComplianceCommand.self, BenchEligibleCommand.self, BenchQueueCommand.self, BenchDialerCommand.self, BenchSpeechCommand.self]
    )
}
