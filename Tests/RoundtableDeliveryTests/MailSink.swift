import Foundation

/// A real SMTP sink for the mail tests: scripts/mail/mail_sink.py (aiosmtpd) run by the test on a loopback port it
/// picks and reports, and msmtp, a sendmail-compatible command, configured in a temporary file to send to it.
///
/// The sink's Python is the virtual environment named by `ROUNDTABLE_MAIL_VENV` (scripts/test.sh makes it, by
/// default `.build/mail-venv`); msmtp is the Debian package's (`ROUNDTABLE_MSMTP` overrides its path). Missing
/// either, starting fails with how to install it. The sink stops when its standard input closes: ``stop()`` closes
/// it and waits for the process, and so does the test's end if it ends first.
/// `@unchecked Sendable`: every stored property is set once in `init`; the process is only waited for in ``stop()``.
final class MailSink: @unchecked Sendable {
    /// One message the sink accepted, as Python's email package parsed it.
    struct Message: Decodable {
        let mailFrom: String
        let rcptTos: [String]
        let headers: [String: String]
        let contentType: String
        let charset: String?
        let multipart: Bool
        let body: String
    }

    let directory: URL
    let port: Int
    private let process: Process
    private let input: Pipe

    init() throws {
        let python = try Self.python()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("roundtable-mail-sink-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let output = Pipe()
        let errors = directory.appendingPathComponent("sink.log")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        let input = Pipe()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [Self.repository.appendingPathComponent("scripts/mail/mail_sink.py").path, directory.path]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let line = Self.readLine(output.fileHandleForReading)
        guard line.hasPrefix("port "), let port = Int(line.dropFirst(5)) else {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
            throw MailSinkError("the mail sink did not start: \((try? String(contentsOf: errors, encoding: .utf8)) ?? "")")
        }
        (self.process, self.input, self.port) = (process, input, port)
    }

    /// Writes an msmtp configuration that sends to the sink, and returns the sendmail-compatible command using it.
    func msmtpCommand(from: String) throws -> [String] {
        let msmtp = try Self.msmtp()
        let configuration = directory.appendingPathComponent("msmtprc")
        let text = ["defaults", "auth off", "tls off", "syslog off", "account sink", "host 127.0.0.1", "port \(port)", "from \(from)",
                    "account default : sink", ""].joined(separator: "\n")
        try text.write(to: configuration, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: configuration.path)
        return [msmtp, "-C", configuration.path, "-t", "-i"]
    }

    /// The messages accepted so far, in order.
    func messages() throws -> [Message] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try names.map { try decoder.decode(Message.self, from: Data(contentsOf: directory.appendingPathComponent($0))) }
    }

    /// The bytes of the `n`th message accepted, from 1, as they arrived.
    func raw(_ n: Int) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(String(format: "%04d.eml", n))))
    }

    /// Stops the sink (its standard input closes) and waits for it; removes its directory.
    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    deinit {
        if process.isRunning { stop() }
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func python() throws -> String {
        let venv = ProcessInfo.processInfo.environment["ROUNDTABLE_MAIL_VENV"] ?? repository.appendingPathComponent(".build/mail-venv").path
        let python = venv + "/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python),
            FileManager.default.fileExists(atPath: venv + "/bin/aiosmtpd")
        else {
            throw MailSinkError(
                "no Python with aiosmtpd at \(venv): run scripts/test.sh, or python3 -m venv \(venv) && "
                    + "\(venv)/bin/pip install -r scripts/mail/requirements.txt (ROUNDTABLE_MAIL_VENV names another virtual environment)")
        }
        return python
    }

    private static func msmtp() throws -> String {
        let path = ProcessInfo.processInfo.environment["ROUNDTABLE_MSMTP"] ?? "/usr/bin/msmtp"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw MailSinkError("msmtp is not installed at \(path): apt-get install msmtp (scripts/test.sh does), or set ROUNDTABLE_MSMTP")
        }
        return path
    }

    /// Reads up to a newline or the end of the stream.
    private static func readLine(_ handle: FileHandle) -> String {
        var bytes: [UInt8] = []
        while let byte = try? handle.read(upToCount: 1)?.first, byte != UInt8(ascii: "\n") { bytes.append(byte) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Why the mail sink could not be used.
struct MailSinkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
