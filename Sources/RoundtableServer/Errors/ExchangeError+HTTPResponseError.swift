public import HTTPTypes
public import Hummingbird
public import RoundtableNode

/// Answered as a TAXII 2.1 error message, since only TAXII adds objects.
extension ExchangeError: HTTPResponseError {
    /// 422 Unprocessable Content when the envelope was read but nothing of it can be stored; 403 Forbidden when the
    /// member may not delete another member's object.
    public var status: HTTPResponse.Status {
        switch code {
        case .refusedByPolicy, .noValidObject: .unprocessableContent
        case .notOwner: .forbidden
        }
    }

    /// The TAXII error message's title.
    var title: String {
        switch code {
        case .refusedByPolicy: "Refused by the TLP policy"
        case .noValidObject: "No valid STIX 2.1 object"
        case .notOwner: "Forbidden"
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        answer.response(for: request)
    }
}

extension ExchangeError: AnswerableError {
    var answer: ErrorAnswer { ErrorAnswer(status, code: code.rawValue, title: title, message, format: .taxii) }
}
