import ArgumentParser
import Foundation
import TransparencyLog

/// `roundtable log audit`: downloads and checks the whole log.
struct LogAudit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Download every tile and entry bundle, check each one and recompute the root.",
        discussion: "Exits with status 1 on the first mismatch, naming the resource that does not match."
    )

    @OptionGroup var log: LogOptions

    func run() async throws {
        let terminal = isatty(STDERR_FILENO) == 1
        let checkpoint = try await LogAuditor(client: log.client()).audit { progress in
            guard terminal, progress.total > 0 else { return }
            let percent = Double(progress.entries) * 100 / Double(progress.total)
            let line = "\r  audited \(progress.entries) of \(progress.total) entries (\(Int(percent))%), \(progress.tiles) tiles"
            FileHandle.standardError.write(Data(line.utf8))
        }
        if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
        print("OK \(checkpoint.origin) size \(checkpoint.size): every entry, tile and the root match the signed checkpoint")
    }
}
