import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOHTTP1
import NIOCore
import RoundtableAPI
import RoundtableClient

/// `roundtable inbox`: what awaits a member, once or as it arrives.
struct InboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox",
        abstract: "Print what awaits you (checks, requests, acknowledgements, answers, overdue, closed), one item a line.",
        discussion: """
            With --follow it keeps the connection open (Server-Sent Events) and prints each item as it arrives, until \
            interrupted or the node goes away. With --json each item is the node's JSON object, one a line.
            Examples:
              roundtable inbox --node URL --token-file ee.token
              roundtable inbox --node URL --token-file ee.token --after 41 --follow
            """
    )

    @OptionGroup var options: CommunicationOptions
    @Option(help: "Only items after this log index (the last index seen).") var after: UInt64?
    @Flag(help: "Keep streaming new items as they arrive.") var follow = false

    func run() async throws {
        if follow { return try await stream() }
        var cursor = after
        while true {
            let inbox: API.Inbox = try await options.read("/api/v1/inbox?limit=1000" + (cursor.map { "&after=\($0)" } ?? ""))
            for item in inbox.items { print(options.json ? try CommunicationOptions.json(item) : CommunicationText.line(item)) }
            guard inbox.items.count == 1_000 else { return }
            cursor = inbox.next
        }
    }

    private func stream() async throws {
        var request = HTTPClientRequest(url: options.base + "/api/v1/inbox/stream" + (after.map { "?after=\($0)" } ?? ""))
        for (name, value) in try options.authorization() { request.headers.add(name: name, value: value) }
        request.headers.add(name: "Accept", value: "text/event-stream")
        let response: HTTPClientResponse
        do { response = try await HTTPClient.shared.execute(request, deadline: .distantFuture) } catch {
            throw CLIError(ReachError.describe(error, url: options.node))
        }
        guard response.status == .ok else {
            let body = Array(buffer: try await response.body.collect(upTo: 1 << 20))
            throw CLIError("the node answered the stream with \(CommunicationOptions.refusal(status: response.status.code, body: body))")
        }
        var events = EventStreamParser()
        for try await buffer in response.body {
            for data in events.feed(Array(buffer: buffer)) {
                let item = options.json ? nil : try? JSONDecoder().decode(API.InboxItem.self, from: Data(data.utf8))
                // Unbuffered, so that a pipe sees each item as it arrives.
                FileHandle.standardOutput.write(Data(((item.map(CommunicationText.line) ?? data) + "\n").utf8))
            }
        }
    }
}

/// Splits a Server-Sent Events stream into its events' `data`, dropping comments and other fields.
struct EventStreamParser {
    private var pending: [UInt8] = []
    private var data: [String] = []

    /// Feeds bytes; returns the data of each event they complete.
    mutating func feed(_ bytes: [UInt8]) -> [String] {
        pending += bytes
        var events: [String] = []
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            var line = String(decoding: pending[..<newline], as: UTF8.self)
            pending.removeSubrange(...newline)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.isEmpty {
                if !data.isEmpty { events.append(data.joined(separator: "\n")) }
                data = []
            } else if line.hasPrefix("data:") {
                data.append(String(line.dropFirst(5).drop { $0 == " " }))
            }
        }
        return events
    }
}
