import NIOCore
import Synchronization

/// A bounded cache of served log resources (tiles and entry bundles, each under its canonical path), evicting the
/// oldest first.
final class ResourceCache: Sendable {
    private struct State {
        var entries: [String: ByteBuffer] = [:]
        var order: [String] = []
        var head = 0
        var bytes = 0
    }

    private let state = Mutex(State())
    let capacity: Int

    /// Creates a cache holding at most `capacity` bytes.
    init(capacity: Int) { self.capacity = capacity }

    func value(for key: String) -> ByteBuffer? {
        state.withLock { $0.entries[key] }
    }

    func store(_ value: ByteBuffer, for key: String) {
        guard value.readableBytes <= capacity else { return }
        state.withLock { state in
            guard state.entries.updateValue(value, forKey: key) == nil else { return }
            state.order.append(key)
            state.bytes += value.readableBytes
            while state.bytes > capacity, state.head < state.order.count {
                let evicted = state.order[state.head]
                state.head += 1
                state.bytes -= state.entries.removeValue(forKey: evicted)?.readableBytes ?? 0
            }
            if state.head > 1024 && state.head * 2 > state.order.count {
                state.order.removeFirst(state.head)
                state.head = 0
            }
        }
    }
}
