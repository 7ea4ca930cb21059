import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import RoundtableClient
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

    @Flag(help: "Print the node's receipt as JSON, for scripts, instead of a sentence.")
    var json = false

    func run() async throws {
        let signer = try KeyFile.read(key)
        guard let data = FileManager.default.contents(atPath: textFile) else { throw CLIError("cannot read \(textFile)") }
        var text = String(decoding: data, as: UTF8.self)
        if !text.hasSuffix("\n") { text += "\n" }
        let note: SignedNote
        do { note = try SignedNote.sign(text: text, with: [signer]) } catch {
            throw CLIError("cannot sign \(textFile): \(error)")
        }
        print(ReceiptText.describe(try await NodeHTTP.submitAct(note.bytes, node: node), node: node, json: json))
    }
}
