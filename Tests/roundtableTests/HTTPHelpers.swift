import NIOHTTP1

@testable import roundtable
import RoundtableClient

/// Posts a signed act to a node; returns the status and body.
func postAct(_ entry: [UInt8], to url: String, timeout: Int64 = 10) async throws -> (HTTPResponseStatus, String) {
    let reply = try await NodeHTTP.postAct(entry, node: url, timeout: timeout)
    return (reply.status, reply.text)
}

/// Gets a URL's body bytes and status.
func getBytes(_ url: String, timeout: Int64 = 10) async throws -> (HTTPResponseStatus, [UInt8]) {
    let reply = try await NodeHTTP.get(url, timeout: timeout)
    return (reply.status, reply.body)
}

/// Polls until `condition` holds, at most `attempts` times, 50 ms apart; a safety net, not a timing assertion.
func waitUntil(attempts: Int = 400, _ condition: () async throws -> Bool) async throws {
    for _ in 0..<attempts {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw NodeProcessError("the condition did not hold after \(attempts) polls")
}
