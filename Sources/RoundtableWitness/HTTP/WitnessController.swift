import HTTPTypes
public import Hummingbird
import Logging
import NIOCore
import TransparencyLog

/// The witness's HTTP interface (c2sp.org/tlog-witness): `POST /add-checkpoint` and
/// `GET /<lowercase hex SHA-256(origin)>/checkpoint`.
public struct WitnessController<Store: WitnessStore>: Sendable {
    /// The witness answering.
    public let witness: Witness<Store>
    /// The largest request body read.
    public let maximumBodySize: Int

    /// Creates the controller.
    /// - Parameters:
    ///   - witness: The witness answering.
    ///   - maximumBodySize: The largest request body read; larger ones are refused with 413.
    public init(witness: Witness<Store>, maximumBodySize: Int) {
        self.witness = witness
        self.maximumBodySize = maximumBodySize
    }

    /// Adds the routes.
    /// - Parameter router: The router, at the witness's URL prefix.
    public func addRoutes(to router: Router<some RequestContext>) {
        router.post("add-checkpoint", use: addCheckpoint)
        router.get(":originHash/checkpoint", use: checkpoint)
    }

    @Sendable func addCheckpoint(_ request: Request, context: some RequestContext) async throws -> Response {
        let body = try await collect(request)
        do {
            let cosignature = try await witness.addCheckpoint(body)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: cosignature.line)))
        } catch {
            context.logger.log(level: Self.level(of: error), "Refused a checkpoint", metadata: ["rt.witness.refusal": "\(error)"])
            throw error
        }
    }

    @Sendable func checkpoint(_ request: Request, context: some RequestContext) async throws -> Response {
        let note = try await witness.latestCheckpoint(originHash: try context.parameters.require("originHash"))
        return Response(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(bytes: note)))
    }

    /// How loudly a refusal is logged. An entry that does not follow the forum's rules is the reason an auditing
    /// witness exists; a checkpoint signed by the log that does not fit what the witness cosigned, or whose entries
    /// the log does not serve, is evidence of a split view or of a log that hides its entries; a log the witness cannot
    /// reach needs its operator. The other refusals are the protocol's ordinary course (a 409 tells a log where to
    /// resume).
    static func level(of error: WitnessError) -> Logger.Level {
        switch error.code {
        case .actRefused: .error
        case .inconsistent, .logUnavailable: .warning
        default: .debug
        }
    }

    /// The body, refused with 413 when its declared length or what arrives is over the limit.
    private func collect(_ request: Request) async throws -> [UInt8] {
        let tooLarge = WitnessError(.tooLarge, "an add-checkpoint body is at most \(maximumBodySize) bytes")
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > maximumBodySize { throw tooLarge }
        do { return Array(buffer: try await request.body.collect(upTo: maximumBodySize)) } catch is NIOTooManyBytesError { throw tooLarge }
    }
}
