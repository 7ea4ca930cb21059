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
