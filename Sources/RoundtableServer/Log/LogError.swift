public import HTTPTypes
public import Hummingbird

/// Why a log resource could not be served.
public enum LogError: Error, HTTPResponseError, CustomStringConvertible {
    /// The entry exists but no published checkpoint includes it yet.
    case notYetPublished(index: UInt64)
    /// The log has no such entry.
    case noSuchEntry(index: UInt64)

    public var status: HTTPResponse.Status {
        switch self {
        case .notYetPublished: .serviceUnavailable
        case .noSuchEntry: .notFound
        }
    }

    public var description: String {
        switch self {
        case .notYetPublished(let index):
            "entry \(index) is not in a published checkpoint yet; checkpoints are published every second, try again"
        case .noSuchEntry(let index): "the log has no entry \(index)"
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = APIError.response(status: status, code: code, message: description)
        if case .notYetPublished = self { response.headers[.retryAfter] = "1" }
        return response
    }

    private var code: String {
        switch self {
        case .notYetPublished: "not_yet_published"
        case .noSuchEntry: "not_found"
        }
    }
}
