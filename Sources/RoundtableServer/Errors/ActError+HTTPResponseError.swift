public import HTTPTypes
public import Hummingbird
public import RoundtableDomain
public import RoundtableNode

extension ActError: HTTPResponseError {
    /// The HTTP status of a refused act.
    public var status: HTTPResponse.Status {
        switch code {
        case .tooLarge: .contentTooLarge
        case .unknownKey, .badSignature, .unknownMember, .suspendedMember, .nodeOnly, .notInElectorate, .notProposer, .sponsorExplanation:
            .forbidden
        case .replayed, .sequenceGap, .conflict, .wrongStage, .unknownDocument, .wrongTime, .wrongDecision: .conflict
        case .unknownProposal: .notFound
        default: .badRequest
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        APIError.response(status: status, code: code.description, message: message)
    }
}

extension ForumNodeError: HTTPResponseError {
    /// The node's own faults: 500 for an act of the node that would not read back, 503 otherwise.
    public var status: HTTPResponse.Status {
        if case .nodeActUnreadable = self { .internalServerError } else { .serviceUnavailable }
    }

    /// The error code of the JSON error body.
    public var code: String {
        switch self {
        case .nodeActUnreadable: "node_fault"
        case .notStarted: "starting"
        case .halted, .logOutOfStep, .storeUnreadable: "not_writing"
        default: "unavailable"
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        APIError.response(status: status, code: code, message: description)
    }
}
