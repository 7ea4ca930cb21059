import ArgumentParser
import Foundation
import NIOHTTP1
import RoundtableTestSupport
import Testing

@testable import roundtable
import RoundtableClient
import TransparencyLog

/// The connection limits against a real `roundtable serve` process and plain sockets: silent, slow and surplus
/// clients are cut off, and the node keeps answering new ones.
@Suite("connection limits of a node process")
struct ConnectionLimitTests {
    /// A demonstration node with one-second head and body timeouts and room for `maxConnections` connections.
    private static func startNode(_ directory: String, maxConnections: Int = 4000, idleTimeout: Int = 1) async throws -> NodeProcess {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let node = try NodeProcess(
            arguments: [
                "--demo", "--data", directory + "/data", "--idle-timeout", "\(idleTimeout)", "--head-timeout", "1", "--body-timeout", "1",
                "--max-connections", "\(maxConnections)",
            ],
            output: URL(fileURLWithPath: directory + "/node.log"))
        try await node.waitUntilServing()
        return node
    }

    @Test("a connection that sends nothing, and a kept-alive one after its answer, are closed after the idle timeout")
    func idleConnectionsClose() async throws {
        let directory = NSTemporaryDirectory() + "roundtable-idle-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let node = try await Self.startNode(directory)
        defer { _ = node.stop() }

        let silent = try RawConnection(port: node.port)
        let silentEnd = silent.readUntilClosed()
        #expect(silentEnd.closed && silentEnd.text.isEmpty, "closed without a word")

        let keptAlive = try RawConnection(port: node.port)
        try keptAlive.send("GET /healthz HTTP/1.1\r\nHost: node\r\n\r\n")
        let answer = keptAlive.readUntilClosed()
        #expect(answer.closed)
        #expect(answer.text.hasPrefix("HTTP/1.1 200"), "answered, then closed once idle: \(answer.text)")
        #expect(!answer.text.contains("HTTP/1.1 408"), "no timeout answer: \(answer.text)")
    }

    @Test("a request whose head or body is not received in time is answered 408 and closed; an act cut off is not written")
    func slowRequestsAreCutOff() async throws {
        let directory = NSTemporaryDirectory() + "roundtable-slow-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let node = try await Self.startNode(directory)
        defer { _ = node.stop() }
        let member = try await node.get("/api/v1/members/ke").body

        let slowHead = try RawConnection(port: node.port)
        try slowHead.send("GET /healthz HTTP/1.1\r\nHo")
        let headEnd = slowHead.readUntilClosed()
        #expect(headEnd.closed)
        #expect(headEnd.text.hasPrefix("HTTP/1.1 408 Request Timeout"), "\(headEnd.text)")
        #expect(headEnd.text.contains("send it again on a new connection"))

        let slowBody = try RawConnection(port: node.port)
        let data = directory + "/data"
        var text = try String(contentsOfFile: data + "/demo-keys/ke-next-act.txt", encoding: .utf8)
        if !text.hasSuffix("\n") { text += "\n" }
        let act = String(decoding: try SignedNote.sign(text: text, with: [try KeyFile.read(data + "/demo-keys/ke.key")]).bytes, as: UTF8.self)
        let head = "POST /api/v1/acts HTTP/1.1\r\nHost: node\r\nContent-Type: text/plain\r\nContent-Length: \(act.utf8.count)\r\n\r\n"
        // All of a valid signed act but its last line's end.
        try slowBody.send(head + act.dropLast())
        let bodyEnd = slowBody.readUntilClosed()
        #expect(bodyEnd.closed)
        #expect(bodyEnd.text.hasPrefix("HTTP/1.1 408 Request Timeout"), "\(bodyEnd.text)")

        // A client that keeps sending a byte at a time never makes its head last longer than the head timeout.
        let trickle = try RawConnection(port: node.port)
        var cutOff = false
        for byte in "GET /healthz HTTP/1.1\r\nHost: a-very-slow-client\r\n\r\n" {
            do { try trickle.send(String(byte)) } catch { cutOff = true; break }
            try await Task.sleep(for: .milliseconds(200))
            if trickle.isClosedByNode { cutOff = true; break }
        }
        #expect(cutOff, "a trickled head is cut off at the head timeout")
        #expect(try await node.get("/api/v1/members/ke").body == member, "the act cut off was not written")
        let whole = try RawConnection(port: node.port)
        try whole.send(head.replacingOccurrences(of: "HTTP/1.1\r\n", with: "HTTP/1.1\r\nConnection: close\r\n") + act)
        #expect(whole.readUntilClosed().text.hasPrefix("HTTP/1.1 201"), "the same act sent whole is accepted")
        #expect(try RawConnection.get("/healthz", port: node.port).hasPrefix("HTTP/1.1 200"))
    }

    @Test("near the connection limit the oldest idle connections are closed to accept new ones, and acts still go through")
    func oldestIdleMakeRoom() async throws {
        let directory = NSTemporaryDirectory() + "roundtable-room-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let node = try await Self.startNode(directory, maxConnections: 32, idleTimeout: 120)
        defer { _ = node.stop() }

        // Twice the limit of connections that send nothing, opened one after another.
        var idle: [RawConnection] = []
        for _ in 0..<64 { idle.append(try RawConnection(port: node.port)) }
        #expect(try RawConnection.get("/healthz", port: node.port).hasPrefix("HTTP/1.1 200"), "a new client is answered")
        let data = directory + "/data"
        try await ActSubmit.parse([
            "--node", node.url, "--key", data + "/demo-keys/ke.key", "--text-file", data + "/demo-keys/ke-next-act.txt",
        ]).run()
        // The first ones opened were closed to make room (the idle timeout, 120 s, closed none), the newest kept.
        try await waitUntil { idle.prefix(8).allSatisfy(\.isClosedByNode) }
        #expect(idle.suffix(8).allSatisfy { !$0.isClosedByNode }, "the newest idle connections are the last to go")
    }

    @Test("when every connection is busy the node holds new ones until a slow client is cut off, and never stops accepting")
    func busyTableStillAccepts() async throws {
        let directory = NSTemporaryDirectory() + "roundtable-busy-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let node = try await Self.startNode(directory, maxConnections: 16)
        defer { _ = node.stop() }

        var slow: [RawConnection] = []
        for _ in 0..<16 {
            let connection = try RawConnection(port: node.port)
            try connection.send("GET /healthz HTTP/1.1\r\n")
            slow.append(connection)
        }
        #expect(try RawConnection.get("/healthz", port: node.port).hasPrefix("HTTP/1.1 200"), "answered once slow clients were cut off")
        // Each slow client was cut off: with 408 once the node had read its bytes; one whose bytes were still unread
        // when a new connection needed room was closed as idle.
        let ends = slow.map { $0.readUntilClosed() }
        #expect(ends.allSatisfy { $0.closed })
        #expect(ends.filter { $0.text.hasPrefix("HTTP/1.1 408") }.count >= slow.count / 2)
        #expect(try RawConnection.get("/healthz", port: node.port).hasPrefix("HTTP/1.1 200"))
    }
}
