import Dispatch
import Foundation
import ArgumentParser
import NIOCore
import NIOPosix

/// The entry point: makes SwiftNIO's event loops Swift concurrency's executor, then runs ``RoundtableCommand``.
///
/// SwiftNIO requires the install to happen on the main thread before any task starts, hence this synchronous `main`
/// rather than an async one. Tasks then run on the event loops that serve the connections: a request is read, its
/// signature checked and its reply written on one thread, instead of handed between the event loops and a second
/// pool of threads.
@main
enum RoundtableMain {
    /// Whether tasks run on SwiftNIO's event loops; `false` where the runtime has no hook for another executor.
    nonisolated(unsafe) private(set) static var onEventLoops = false

    static func main() {
        onEventLoops = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        Task {
            await RoundtableCommand.main()
            exit(0)
        }
        dispatchMain()
    }
}
