import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import RoundtableDomain
import RoundtableServer
import RoundtableTestSupport
import RoundtableNode

/// A decoded API error body.
struct ErrorBody: Decodable, Equatable {
    struct Detail: Decodable, Equatable {
        let code: String
        let message: String
    }
    let error: Detail
}

extension TestClientProtocol {
    /// Posts bytes to `/api/v1/acts` as a signed note.
    func submit(_ entry: [UInt8], contentType: String = "text/plain; charset=utf-8", headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: contentType]
        headers.append(contentsOf: extra)
        return try await execute(uri: "/api/v1/acts", method: .post, headers: headers, body: ByteBuffer(bytes: entry))
    }

    /// Gets a URI.
    func get(_ uri: String) async throws -> TestResponse {
        try await execute(uri: uri, method: .get)
    }
}

extension TestResponse {
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(body.readableBytesView))
    }

    var errorCode: String? { (try? decode(ErrorBody.self))?.error.code }
}

/// A submission that a test expected to succeed failed.
struct SubmissionFailed: Error, CustomStringConvertible {
    let description: String
}

/// Runs a test against the router of a node built on a store.
func withNode<Store: ForumStore, Value: Sendable>(
    _ forum: ForumNode<Store>,
    configuration: RoundtableConfiguration = .init(),
    setup: TestingSetup = .router,
    _ test: @Sendable (any TestClientProtocol) async throws -> Value
) async throws -> Value {
    let app = try buildApplication(configuration: configuration, forum: forum, logger: Logger(label: "test"))
    return try await app.test(setup, test)
}
