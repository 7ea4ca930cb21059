public import HTTPTypes
public import Hummingbird
public import RoundtableDomain

extension ActError: HTTPResponseError {
    /// The HTTP status of a refused act.
    public var status: HTTPResponse.Status {
        switch code {
        case .tooLarge: .contentTooLarge
        case .unknownKey, .badSignature, .unknownMember, .suspendedMember, .nodeOnly, .notInElectorate, .notProposer, .sponsorExplanation,
            .contactKeyNotAllowed, .notAddressed, .wrongNonce:
            .forbidden
        case .replayed, .sequenceGap, .conflict, .wrongStage, .unknownDocument, .wrongTime, .wrongDecision, .requestClosed, .wrongParties: .conflict
        case .unknownProposal, .unknownContact, .unknownCommunication: .notFound
        default: .badRequest
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        answer.response(for: request)
    }
}

extension ActError: AnswerableError {
    var answer: ErrorAnswer { ErrorAnswer(status, code: code.description, message) }
}
