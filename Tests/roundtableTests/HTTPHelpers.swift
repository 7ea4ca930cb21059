import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Posts a signed act to a node; returns the status and body.
func postAct(_ entry: [UInt8], to url: String, timeout: Int64 = 10) async throws -> (HTTPResponseStatus, String) {
    var request = HTTPClientRequest(url: url + "/api/v1/acts")
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
    request.body = .bytes(ByteBuffer(bytes: entry))
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(timeout))
    return (response.status, String(buffer: try await response.body.collect(upTo: 1 << 20)))
}

/// Gets a URL's body bytes and status.
func getBytes(_ url: String, timeout: Int64 = 10) async throws -> (HTTPResponseStatus, [UInt8]) {
    let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(timeout))
    return (response.status, Array(buffer: try await response.body.collect(upTo: 16 << 20)))
}

/// Polls until `condition` holds, at most `attempts` times, 50 ms apart; a safety net, not a timing assertion.
func waitUntil(attempts: Int = 400, _ condition: () async throws -> Bool) async throws {
    for _ in 0..<attempts {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw NodeProcessError("the condition did not hold after \(attempts) polls")
}
