public import Foundation
public import Hummingbird
public import NIOCore

/// The request context of every Roundtable route: Hummingbird's basic context with a JSON encoder that writes
/// sorted keys and unescaped slashes, so responses are stable and verifier keys read as written.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection's channel: an event stream ends when it closes.
    public let channel: any Channel

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    public var responseEncoder: JSONEncoder { Self.encoder }

    /// One encoder for every response: creating one per request costs more than encoding a small body.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
