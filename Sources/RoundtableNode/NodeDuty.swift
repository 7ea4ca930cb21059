public import RoundtableDomain

/// Work the node does on its own clock, without a request: the log publisher (``LogPublisher``) and the clerk
/// (``GovernanceClerk``). ``service(every:)`` runs it from the node's start, every interval.
public protocol NodeDuty: Sendable {
    /// The store of the forum.
    associatedtype Store: ForumStore

    /// What the duty is, for logs.
    static var name: String { get }

    /// The forum it works on.
    var forum: ForumNode<Store> { get }

    /// Does the work once, reporting its own failures.
    func perform() async
}

extension NodeDuty {
    /// The service that performs the duty once the node has started, then every `interval`, and once more when
    /// graceful shutdown begins.
    /// - Parameter interval: How long to wait between two runs; 1 second by default.
    public func service(every interval: Duration = .seconds(1)) -> PeriodicService {
        PeriodicService(Self.name, every: interval, after: forum.waitUntilStarted) { await perform() }
    }
}
