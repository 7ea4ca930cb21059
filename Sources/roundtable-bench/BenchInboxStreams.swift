import AsyncHTTPClient
import Foundation
import NIOHTTP1
import NIOCore
import Synchronization

/// Members' inbox streams (`GET /api/v1/inbox/stream`, Server-Sent Events) held open by `bench communication`, which
/// records when each stream showed each request delivered to its member.
final class BenchInboxStreams: Sendable {
    private let url: String
    private let client: HTTPClient
    private let sightings = Mutex<[String: [UInt64: [ContinuousClock.Instant]]]>([:])
    private let tasks = Mutex<[Task<Void, Never>]>([])
    private let opened = Mutex<Int>(0)

    init(url: String) {
        self.url = url
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(600), concurrentHTTP1ConnectionsPerHostSoftLimit: 4096)
        configuration.decompression = .disabled
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// When each of a member's streams showed a request, by request index.
    func seen(member: String, request: UInt64) -> [ContinuousClock.Instant] { sightings.withLock { $0[member]?[request] ?? [] } }

    /// Opens `each` streams for every member (its API token is `token-<member>`), and returns once all answered.
    func open(members: [String], each: Int) async throws {
        for member in members {
            for _ in 0..<each {
                let task = Task { await self.follow(member) }
                tasks.withLock { $0.append(task) }
            }
        }
        try await BenchCommunication.wait("the inbox streams to open") { opened.withLock { $0 } >= members.count * each }
    }

    private func follow(_ member: String) async {
        var request = HTTPClientRequest(url: url + "/api/v1/inbox/stream")
        request.headers.add(name: "Authorization", value: "Bearer token-\(member)")
        request.headers.add(name: "Accept", value: "text/event-stream")
        guard let response = try? await client.execute(request, timeout: .hours(24)), response.status == .ok else { return }
        opened.withLock { $0 += 1 }
        var pending: [UInt8] = []
        do {
            for try await buffer in response.body {
                pending += buffer.readableBytesView
                while let end = Self.eventEnd(pending) {
                    let event = String(decoding: pending[..<end], as: UTF8.self)
                    pending.removeFirst(end + 2)
                    record(event, member: member)
                }
            }
        } catch {}
    }

    private func record(_ event: String, member: String) {
        let now = ContinuousClock.now
        for line in event.split(separator: "\n") where line.hasPrefix("data:") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.dropFirst(5).utf8)) as? [String: Any],
                object["kind"] as? String == "request", let request = (object["request"] as? NSNumber)?.uint64Value
            else { continue }
            sightings.withLock { $0[member, default: [:]][request, default: []].append(now) }
        }
    }

    /// Where the first event in `bytes` ends (a blank line), if one is complete.
    private static func eventEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        for index in 0..<(bytes.count - 1) where bytes[index] == 0x0A && bytes[index + 1] == 0x0A { return index }
        return nil
    }

    /// Closes every stream and the client.
    func close() {
        for task in tasks.withLock({ $0 }) { task.cancel() }
        try? client.syncShutdown()
    }
}
