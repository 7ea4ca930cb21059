import ArgumentParser
import Foundation
import NIOHTTP1
import RoundtableAPI
import RoundtableClient
import RoundtableDomain
import TransparencyLog

/// The options of the communication commands: the node, the key that signs (the member's, or for `ack` and
/// `request answer` one of its contact keys), the member when a contact key signs, and the API token that reads.
struct CommunicationOptions: ParsableArguments {
    @Option(help: "The node's URL, for example http://127.0.0.1:8080.")
    var node: String

    @Option(help: "The private key file that signs (from roundtable keygen): yours, or a contact key for ack and request answer.")
    var key: String?

    @Option(help: "Your member id; needed only when --key is a contact key.")
    var member: String?

    @Option(help: "The file holding your API token (whose SHA-256 you registered with a credential act); needed to read.")
    var tokenFile: String?

    @Flag(help: "Print JSON for scripts (the node's receipt of a signed act; one object a line of what is read) instead of text.")
    var json = false

    var base: String { node.trimmingSuffix("/") }

    /// The API token's header, or an error that says what to pass.
    func authorization() throws -> [String: String] {
        guard let tokenFile else { throw CLIError("this command reads what is yours: pass --token-file FILE with your API token") }
        guard let data = FileManager.default.contents(atPath: tokenFile) else { throw CLIError("cannot read \(tokenFile)") }
        return ["Authorization": "Bearer " + String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)]
    }

    /// Gets an API path with the token and decodes its JSON.
    func read<Value: Decodable>(_ path: String) async throws -> Value {
        let headers = try authorization()
        let reply: NodeHTTP.Reply
        do { reply = try await NodeHTTP.get(base + path, headers: headers) } catch { throw CLIError(ReachError.describe(error, url: node)) }
        guard reply.status == .ok else { throw CLIError("the node answered \(path) with \(Self.refusal(reply))") }
        do { return try JSONDecoder().decode(Value.self, from: Data(reply.body)) } catch {
            throw CLIError("the node answered \(path) with something other than expected: \(error)")
        }
    }

    /// Signs an act as the member and submits it with its sealed document; prints the receipt.
    func submit(_ body: Act.Body, sealed: [UInt8]? = nil) async throws {
        guard let key else { throw CLIError("this command signs an act: pass --key FILE") }
        let note = try await MemberActOptions.sign(body, with: try KeyFile.read(key), member: member, node: base)
        let submission = API.SealedSubmission(act: String(decoding: note, as: UTF8.self), sealed: sealed.map { Data($0).base64EncodedString() })
        let reply: NodeHTTP.Reply
        do {
            reply = try await NodeHTTP.post(
                base + "/api/v1/acts", Array(try JSONEncoder().encode(submission)), headers: ["Content-Type": "application/json"])
        } catch { throw CLIError(ReachError.describe(error, url: node)) }
        guard reply.status == .created else { throw CLIError("the node refused the act: \(Self.refusal(reply))") }
        print(ReceiptText.describe(reply.text, node: node, json: json))
    }

    /// An error answer as `CODE: MESSAGE (HTTP STATUS)`.
    static func refusal(_ reply: NodeHTTP.Reply) -> String { refusal(status: reply.status.code, body: reply.body) }

    /// An error answer's status and body as `CODE: MESSAGE (HTTP STATUS)`.
    static func refusal(status: UInt, body bytes: [UInt8]) -> String {
        struct Body: Decodable {
            struct Detail: Decodable {
                let code: String
                let message: String
            }
            let error: Detail
        }
        guard let body = try? JSONDecoder().decode(Body.self, from: Data(bytes)) else {
            return "HTTP \(status): \(String(decoding: bytes, as: UTF8.self))"
        }
        return "\(body.error.code): \(body.error.message) (HTTP \(status))"
    }

    /// A file's text, or an error naming it.
    static func text(of path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError("\(path) is not UTF-8 text") }
        return text
    }

    /// A value as one line of JSON with sorted keys.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Checks a sealed document before it is signed, with the rule it breaks.
    static func check(_ document: some SealedDocument) throws {
        do { try document.validate() } catch { throw CLIError(error.message) }
    }
}
