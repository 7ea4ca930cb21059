import Foundation
import RoundtableDelivery
import Testing
import TransparencyLog

/// The Python verifier that docs/delivery.md gives a CERT, run as printed there against what the node signs.
@Suite("The documented Python verifier")
struct DocumentedVerifierTests {
    @Test("accepts a genuine webhook and names what is wrong with a tampered, foreign or stale one")
    func python() throws {
        let signer = try Fixtures.nodeKey()
        let now = Date()
        let body = Fixtures.check().json
        let headers = WebhookSignatureTests.lowercased(try WebhookSignature.sign(body, with: signer, at: now).headers)
        let foreign = WebhookSignatureTests.lowercased(try WebhookSignature.sign(body, with: try Fixtures.nodeKey(), at: now).headers)
        let cases: [(headers: [String: String], body: [UInt8], now: Date, verdict: String)] = [
            (headers, body, now, "None"),
            (headers, Fixtures.check(index: 43).json, now, "bad signature"),
            (foreign, body, now, "unknown key"),
            (headers, body, now.addingTimeInterval(301), "stale timestamp"),
        ]
        let input = cases.map { item in
            [
                "headers": item.headers, "body": Data(item.body).base64EncodedString(), "vkey": signer.verifier.description,
                "now": item.now.timeIntervalSince1970,
            ] as [String: Any]
        }
        let verdicts = try Self.run(input: try JSONSerialization.data(withJSONObject: input))
        #expect(verdicts == cases.map(\.verdict))
    }

    /// Runs the documentation's Python block with a driver that verifies each case read from standard input.
    static func run(input: Data) throws -> [String] {
        let markdown = try String(contentsOf: MailSink.repository.appendingPathComponent("docs/delivery.md"), encoding: .utf8)
        let block = try #require(markdown.components(separatedBy: "```python\n").dropFirst().first?.components(separatedBy: "```").first)
        let driver = """

            import json, sys
            for case in json.load(sys.stdin):
                print(verify_webhook(case["headers"], base64.b64decode(case["body"]), case["vkey"], now=case["now"]))
            """
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("verify-webhook-\(UUID().uuidString).py")
        try (block + driver).write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try MailSink.python())
        process.arguments = [script.path]
        let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
        (process.standardInput, process.standardOutput, process.standardError) = (stdin, stdout, stderr)
        try process.run()
        try stdin.fileHandleForWriting.write(contentsOf: input)
        try stdin.fileHandleForWriting.close()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw MailSinkError("the documented verifier failed: \(errors)") }
        return output.split(separator: "\n").map(String.init)
    }
}
