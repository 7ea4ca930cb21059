import Foundation
import NIOCore
import NIOPosix
import RoundtableClient
import Synchronization

/// The clients of ``BenchConnections``: many that hold connections idle or slow, reconnecting when the node closes
/// them, and single requests on new connections, timed.
final class ConnectionFlood: Sendable {
    let port: Int
    let group: MultiThreadedEventLoopGroup
    private let state = Mutex(Tally())

    struct Tally: CustomStringConvertible {
        var held = 0
        var connects = 0
        var closedByNode = 0
        var connectFailures = 0
        var stopped = false

        /// The counts as one line of numbers, for a parent process to read back (``init(line:)``).
        var line: String { "\(held) \(connects) \(closedByNode) \(connectFailures)" }

        init() {}

        /// Reads a ``line`` back.
        init?(line: Substring) {
            let numbers = line.split(separator: " ").compactMap { Int($0) }
            guard numbers.count == 4 else { return nil }
            (held, connects, closedByNode, connectFailures) = (numbers[0], numbers[1], numbers[2], numbers[3])
        }

        var description: String {
            "held \(held), connections made \(connects), closed by the node \(closedByNode), connection attempts failed \(connectFailures)"
        }
    }

    struct ProbeError: Error, CustomStringConvertible {
        let description: String
    }

    init(port: Int, group: MultiThreadedEventLoopGroup) {
        self.port = port
        self.group = group
    }

    var tally: Tally { state.withLock { $0 } }

    func stop() { state.withLock { $0.stopped = true } }

    /// Holds a connection open, reconnecting whenever the node closes it: idle (sending nothing) or slow (a request
    /// head a byte a second, never finished).
    func hold(slow: Bool) async {
        let head = Array("GET /healthz HTTP/1.1\r\nHost: bench\r\nX-Slow: \(String(repeating: "s", count: 200))".utf8)
        while !state.withLock({ $0.stopped }), !Task.isCancelled {
            let channel: any Channel
            do {
                channel = try await bootstrap(collect: nil, timeout: .seconds(30)).connect(host: "127.0.0.1", port: port).get()
            } catch {
                state.withLock { $0.connectFailures += 1 }
                try? await Task.sleep(for: .seconds(1))
                continue
            }
            state.withLock {
                $0.connects += 1
                $0.held += 1
            }
            if slow {
                var offset = 0
                while channel.isActive, !state.withLock({ $0.stopped }) {
                    let byte = channel.allocator.buffer(bytes: [head[offset % head.count]])
                    channel.writeAndFlush(byte, promise: nil)
                    offset += 1
                    try? await Task.sleep(for: .seconds(1))
                }
            }
            try? await channel.closeFuture.get()
            let stopped = state.withLock {
                $0.held -= 1
                if !$0.stopped { $0.closedByNode += 1 }
                return $0.stopped
            }
            if stopped { return }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Sends one request on a new connection and reads the answer until the node closes it (the request says
    /// `Connection: close`); returns the status and the seconds from connecting to the end of the answer.
    func exchange(_ request: [UInt8], timeout: Duration = .seconds(5)) async -> Result<(Int, Double), ProbeError> {
        let start = ContinuousClock.now
        let answer = Answer()
        do {
            let channel = try await bootstrap(collect: answer, timeout: .seconds(5)).connect(host: "127.0.0.1", port: port).get()
            try await channel.writeAndFlush(channel.allocator.buffer(bytes: request))
            let closed = Task { try? await channel.closeFuture.get() }
            let timer = Task {
                try await Task.sleep(for: timeout)
                channel.close(promise: nil)
            }
            await closed.value
            timer.cancel()
        } catch {
            return .failure(ProbeError(description: "\(error)"))
        }
        let elapsed = Figures.seconds(ContinuousClock.now - start)
        let text = answer.text
        guard text.hasPrefix("HTTP/1.1 "), let status = Int(text.dropFirst(9).prefix(3)) else {
            return .failure(ProbeError(description: "no answer within \(timeout)"))
        }
        return .success((status, elapsed))
    }

    private func bootstrap(collect answer: Answer?, timeout: TimeAmount) -> ClientBootstrap {
        ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Collector(answer: answer))
                }
            }
    }

    /// What a probe's connection received.
    final class Answer: Sendable {
        private let bytes = Mutex<[UInt8]>([])
        func append(_ buffer: ByteBuffer) { bytes.withLock { $0 += buffer.readableBytesView } }
        var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }
    }

    private final class Collector: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let answer: Answer?
        init(answer: Answer?) { self.answer = answer }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) { answer?.append(unwrapInboundIn(data)) }
    }
}
