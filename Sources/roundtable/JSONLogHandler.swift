import Foundation
import Logging
import RoundtableClient
import RoundtableJSON
import Synchronization

/// A log handler that writes one JSON object a line to standard error, for log collectors (`LOG_FORMAT=json`):
/// `time` (RFC 3339, UTC, milliseconds), `level`, `label`, `message`, then the metadata's keys, each a string, an
/// array or an object as logged; `source`, `file` and `line` last.
struct JSONLogHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    let label: String
    private let write: @Sendable ([UInt8]) -> Void

    /// Creates a handler.
    /// - Parameters:
    ///   - label: The logger's label.
    ///   - metadataProvider: Metadata added to every message.
    ///   - write: Where each line goes; standard error by default.
    init(label: String, metadataProvider: Logger.MetadataProvider? = nil, write: @escaping @Sendable ([UInt8]) -> Void = Self.standardError) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.write = write
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        var members: [(key: String, value: JSONValue)] = [
            ("time", .string(Self.timestamp(Date()))), ("level", .string(event.level.rawValue)), ("label", .string(label)),
            ("message", .string(event.message.description)),
        ]
        let reserved: Set = ["time", "level", "label", "message", "source", "file", "line"]
        for key in merged.keys.sorted() where !reserved.contains(key) { members.append((key, Self.json(merged[key]!))) }
        members += [("source", .string(event.source)), ("file", .string(event.file)), ("line", .number(String(event.line)))]
        var line = JSONValue.object(members).serialized
        line.append(UInt8(ascii: "\n"))
        write(line)
    }

    private static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let convertible): .string(convertible.description)
        case .array(let values): .array(values.map(json))
        case .dictionary(let dictionary): .object(dictionary.keys.sorted().map { ($0, json(dictionary[$0]!)) })
        }
    }

    private static func timestamp(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }

    /// Writes a line to standard error in one `write`, so that lines from several threads never interleave.
    static let standardError: @Sendable ([UInt8]) -> Void = { line in
        line.withUnsafeBytes { bytes in _ = Foundation.write(2, bytes.baseAddress, bytes.count) }
    }
}

/// How the server commands log, from the environment: `LOG_FORMAT=text` (the default, swift-log's lines) or
/// `LOG_FORMAT=json` (``JSONLogHandler``).
enum LogFormat {
    /// Bootstraps the logging system once for the process, as `LOG_FORMAT` says.
    /// - Throws: ``CLIError`` for another value of `LOG_FORMAT`.
    static func bootstrap(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let format = environment["LOG_FORMAT"] ?? "text"
        guard format == "text" || format == "json" else { throw CLIError("LOG_FORMAT '\(format)' must be 'text' or 'json'") }
        if format == "json" { _ = bootstrapJSON }
    }

    private static let bootstrapJSON: Void = LoggingSystem.bootstrap { label in JSONLogHandler(label: label) }
}
