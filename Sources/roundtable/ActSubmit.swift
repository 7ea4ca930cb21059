import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TransparencyLog

/// `roundtable act submit`: signs an act's text locally and posts it to a node.
struct ActSubmit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Sign an act's text with your key and submit it to a node.",
        discussion: "The text file holds the act as docs/acts.md describes it; the key never leaves this machine."
    )

    @Option(help: "The node's URL, for example http://127.0.0.1:8080.")
    var node: String

    @Option(help: "Your private key file (from roundtable keygen).")
    var key: String

    @Option(help: "The act's text.")
    var textFile: String

    func run() async throws {
        let signer = try KeyFile.read(key)
        guard let data = FileManager.default.contents(atPath: textFile) else { throw CLIError("cannot read \(textFile)") }
        var text = String(decoding: data, as: UTF8.self)
        if !text.hasSuffix("\n") { text += "\n" }
        let note: SignedNote
        do { note = try SignedNote.sign(text: text, with: [signer]) } catch {
            throw CLIError("cannot sign \(textFile): \(error)")
        }
        let (status, body) = try await post(note.bytes)
        guard status == .created else {
            throw CLIError("the node refused the act (HTTP \(status.code)): \(body)")
        }
        print(body)
    }

    private func post(_ bytes: [UInt8]) async throws -> (HTTPResponseStatus, String) {
        var request = HTTPClientRequest(url: node.trimmingSuffix("/") + "/api/v1/acts")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        request.body = .bytes(ByteBuffer(bytes: bytes))
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            let body = try await response.body.collect(upTo: 1 << 20)
            return (response.status, String(buffer: body))
        } catch {
            throw CLIError("cannot reach the node at \(node): \(error)")
        }
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text
    }
}
