import ArgumentParser
import Foundation
import RoundtableAPI
import RoundtableClient
import RoundtableDomain

/// `roundtable request`: requests between members, their answers and their closing.
struct RequestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "Send, answer, close, show and list requests between members.",
        discussion: """
            The content of requests and answers is sealed: the log holds its salted SHA-256 and, as the forum's rule \
            request-parties says, the recipients or only their number; the parties read it from the node.
            Examples:
              roundtable request send --node URL --key ee.key --to ke,us --kind assistance --urgency urgent \
            --subject 'Wiper on port hosts' --body-file body.md --tlp amber
              roundtable request answer --node URL --key ke.key --delivery 15 --status provided --body-file answer.md
              roundtable request close --node URL --key ee.key --request 14 --outcome resolved
              roundtable request show 14 --node URL --token-file ee.token
              roundtable request list --node URL --token-file ee.token
            """,
        subcommands: [RequestSend.self, RequestAnswer.self, RequestClose.self, RequestShow.self, RequestListCommand.self]
    )
}

/// `roundtable request send`.
struct RequestSend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send", abstract: "Send a request to other members (signed with your key).",
        discussion: "Example: roundtable request send --node URL --key ee.key --to ke,us --kind information --urgency routine "
            + "--subject 'Contact for the CBM' --body-file body.md --tlp green --answer-by 2026-12-31T00:00:00Z")

    @OptionGroup var options: CommunicationOptions
    @Option(help: "The recipients' member ids, comma-separated.") var to: String
    @Option(help: "information, assistance, preservation, notification or consultation.") var kind: String
    @Option(help: "routine, urgent or critical: sets the acknowledgement deadline.") var urgency: String
    @Option(help: "The subject, one line.") var subject: String
    @Option(help: "The file holding the body (Markdown, UTF-8).") var bodyFile: String
    @Option(help: "clear, green, amber, amber+strict or red.") var tlp: String
    @Option(help: "An exchange object's STIX id; repeatable.") var reference: [String] = []
    @Option(help: "When an answer is wanted by, RFC 3339 UTC (2026-12-31T00:00:00Z).") var answerBy: String?

    func validate() throws {
        guard RequestContent.Kind(rawValue: kind) != nil else {
            throw ValidationError("--kind: use one of \(RequestContent.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard Urgency(rawValue: urgency) != nil else {
            throw ValidationError("--urgency: use one of \(Urgency.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        let members: API.MemberList = try await NodeHTTP.getJSON(options.base + "/api/v1/members")
        var recipients: [MemberID] = []
        for id in to.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard members.members.contains(where: { $0.id == id }), let member = try? MemberID(id) else {
                throw CLIError("--to: '\(id)' is not a member of this forum; members: \(members.members.map(\.id).joined(separator: ", "))")
            }
            recipients.append(member)
        }
        let content = RequestContent(
            kind: RequestContent.Kind(rawValue: kind)!, to: Array(Set(recipients)), subject: subject,
            body: try CommunicationOptions.text(of: bodyFile), tlp: tlp, references: reference, answerBy: answerBy)
        try CommunicationOptions.check(content)
        let bytes = try SealedDocuments.encode(content)
        let rules: API.Rules = try await NodeHTTP.getJSON(options.base + "/api/v1/rules")
        let parties: RequestDraft.Recipients =
            rules.rules.contains("request-parties public") ? .named(content.to) : .sealed(count: content.to.count)
        let draft = RequestDraft(urgency: Urgency(rawValue: urgency)!, recipients: parties, content: SealedDocuments.commitment(bytes))
        try await options.submit(.request(draft), sealed: bytes)
    }
}

/// `roundtable request answer`.
struct RequestAnswer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answer", abstract: "Answer a request delivered to you (signed with your key or a contact key).",
        discussion: "Example: roundtable request answer --node URL --key ke.key --delivery 15 --status accepted --body-file answer.md")

    @OptionGroup var options: CommunicationOptions
    @Option(help: "The delivery's log index (from the inbox's request item).") var delivery: UInt64
    @Option(help: "accepted, declined, need-information or provided.") var status: String
    @Option(help: "The file holding the answer (Markdown, UTF-8): the reason, what is needed, or what is provided.") var bodyFile: String

    func validate() throws {
        guard AnswerStatus(rawValue: status) != nil else {
            throw ValidationError("--status: use one of \(AnswerStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        let content = AnswerContent(body: try CommunicationOptions.text(of: bodyFile))
        try CommunicationOptions.check(content)
        let bytes = try SealedDocuments.encode(content)
        let body = Act.Body.answer(delivery: delivery, status: AnswerStatus(rawValue: status)!, content: SealedDocuments.commitment(bytes))
        try await options.submit(body, sealed: bytes)
    }
}

/// `roundtable request close`.
struct RequestClose: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close", abstract: "Close a request you sent (signed with your key).",
        discussion: "Example: roundtable request close --node URL --key ee.key --request 14 --outcome resolved")

    @OptionGroup var options: CommunicationOptions
    @Option(help: "The request's log index.") var request: UInt64
    @Option(help: "resolved or withdrawn.") var outcome: String

    func run() async throws {
        guard let outcome = RequestOutcome(rawValue: outcome) else { throw ValidationError("--outcome: use resolved or withdrawn") }
        try await options.submit(.closeRequest(request: request, outcome: outcome))
    }
}

/// `roundtable request show`.
struct RequestShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a request you are a party to, with its content, deliveries and answers (--json: as JSON).",
        discussion: "Example: roundtable request show 14 --node URL --token-file ee.token")

    @OptionGroup var options: CommunicationOptions
    @Argument(help: "The request's log index.") var index: UInt64

    func run() async throws {
        let request: API.CommunicationRequest = try await options.read("/api/v1/requests/\(index)")
        guard options.json else { return print(CommunicationText.block(request)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        print(String(decoding: try encoder.encode(request), as: UTF8.self))
    }
}

/// `roundtable request list`.
struct RequestListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the requests you are a party to, one a line (--json: one JSON object a line).",
        discussion: "Example: roundtable request list --node URL --token-file ee.token")

    @OptionGroup var options: CommunicationOptions

    func run() async throws {
        let list: API.RequestList = try await options.read("/api/v1/requests")
        if options.json {
            for request in list.requests { print(try CommunicationOptions.json(request)) }
        } else {
            print(list.requests.isEmpty ? "No request." : list.requests.map(CommunicationText.line).joined(separator: "\n"))
        }
    }
}
