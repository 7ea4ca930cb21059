public import HTTPTypes
public import Hummingbird
import NIOCore
import TransparencyLog

extension WitnessError: HTTPResponseError {
    /// The status c2sp.org/tlog-witness gives each refusal.
    public var status: HTTPResponse.Status {
        switch code {
        case .malformed: .badRequest
        case .tooLarge: .contentTooLarge
        case .unknownLog, .noCheckpoint: .notFound
        case .untrustedSignature: .forbidden
        case .conflict: .conflict
        case .inconsistent, .actRefused: .unprocessableContent
        default: .serviceUnavailable
        }
    }

    /// A 409 answers the latest size and a newline as `text/x.tlog.size`; any other refusal its message as plain text.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        if code == .conflict, let latestSize {
            return Response(
                status: status, headers: [.contentType: WitnessClient.sizeMediaType],
                body: .init(byteBuffer: ByteBuffer(string: "\(latestSize)\n")))
        }
        return Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}
