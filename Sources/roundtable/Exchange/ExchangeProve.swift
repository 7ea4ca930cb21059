import ArgumentParser
import Crypto
import Foundation
import NIOHTTP1
import RoundtableAPI
import RoundtableClient
import RoundtableDomain
import RoundtableExchange
import TransparencyLog

/// `roundtable exchange prove`: proves that an object version of the exchange is in the forum's log.
struct ExchangeProve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Prove that an exchange object you may read is recorded in the log.",
        discussion: """
            Fetches the object's bytes, the line of the node's exchange act that records it (with its salt when the line is \
            sealed) and the act's inclusion receipt; checks the object's SHA-256 against the line, the line (or its salted \
            commitment) against the act, and the act against a checkpoint signed by the log key you pinned.
            """
    )

    @Option(help: "The node's URL, for example http://127.0.0.1:8080.") var node: String
    @Option(help: "Your member id.") var user: String
    @Option(help: "Your API token file.") var tokenFile: String
    @Option(help: "The collection's id.") var collection: String
    @Option(help: "The object's STIX id.") var object: String
    @Option(help: "The version (its modified timestamp); the last one by default.") var version: String?
    @Option(help: "The log's verifier key (NAME+KEYID+BASE64), obtained out of band and pinned.") var vkey: String

    func run() async throws {
        let key: NoteVerifier
        do { key = try NoteVerifier(parsing: vkey) } catch { throw ValidationError("--vkey: \(error.message)") }
        guard let token = FileManager.default.contents(atPath: tokenFile) else { throw CLIError("cannot read \(tokenFile)") }
        let password = String(decoding: token, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let base = node.trimmingSuffix("/")
        var url = "\(base)/api/v1/exchange/\(collection)/\(object)/receipt"
        if let version { url += "?version=\(version)" }
        let receipt: API.ExchangeReceipt = try await NodeHTTP.getJSON(
            url, headers: ["Authorization": "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()])
        let digest = Hex.encode(SHA256.hash(data: Array(receipt.object.utf8)))
        guard receipt.line.hasSuffix(" " + digest), receipt.line.hasPrefix("add \(receipt.objectID) \(receipt.version) ") else {
            throw CLIError("the object's bytes do not match the line the node gave: \(receipt.line)")
        }
        let expected: String
        if let salt = receipt.salt {
            guard let bytes = Hex.decode(salt), bytes.count == 32 else { throw CLIError("the node gave a malformed salt") }
            expected = "add-sealed " + ExchangeRecord.commitment(salt: bytes, line: receipt.line)
        } else {
            expected = receipt.line
        }
        let entry = try await NodeHTTP.get("\(base)/api/v1/acts/\(receipt.logIndex)")
        guard entry.status == .ok, let note = try? SignedNote(parsing: entry.body) else { throw CLIError("cannot read act \(receipt.logIndex)") }
        guard note.text.split(separator: "\n").contains(Substring(expected)) else {
            throw CLIError("act \(receipt.logIndex) does not hold the line '\(expected)'")
        }
        let proof = try await NodeHTTP.get("\(base)/api/v1/acts/\(receipt.logIndex)/receipt")
        guard proof.status == .ok else {
            throw CLIError("no inclusion receipt for act \(receipt.logIndex) yet (HTTP \(proof.status.code)); try again in a second")
        }
        let checkpoint: Checkpoint
        do { checkpoint = try InclusionReceipt(parsing: proof.body).verify(entry: entry.body, logKey: key) } catch {
            throw CLIError("the inclusion receipt of act \(receipt.logIndex) does not verify: \(error)")
        }
        print(
            "OK \(receipt.objectID) version \(receipt.version) is recorded \(receipt.salt == nil ? "in clear" : "as a salted commitment") "
                + "by act \(receipt.logIndex), included in \(checkpoint.origin) at tree size \(checkpoint.size)")
    }
}

/// `roundtable exchange`: a member's tools for the exchange.
struct ExchangeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exchange", abstract: "A member's tools for the exchange.", subcommands: [ExchangeProve.self])
}
