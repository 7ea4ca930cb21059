#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's limit on open files (`RLIMIT_NOFILE`), which bounds how many connections it can hold.
public enum OpenFileLimit {
    /// The soft limit (what the process may open now) and the hard limit (how far it may raise it).
    public static var current: (soft: Int, hard: Int) {
        var limit = rlimit()
        guard getrlimit(resourceNumber, &limit) == 0 else { return (1024, 1024) }
        return (clamp(limit.rlim_cur), clamp(limit.rlim_max))
    }

    /// Raises the soft limit to the hard limit, as far as the system allows (`fs.nr_open` on Linux), and returns
    /// the limits in force afterwards. A limit that cannot be raised is left as it was.
    @discardableResult
    public static func raiseToHardLimit() -> (soft: Int, hard: Int) {
        var limit = rlimit()
        guard getrlimit(resourceNumber, &limit) == 0 else { return current }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(resourceNumber, &raised) != 0 {
                // An unlimited hard limit can still be refused above the kernel's per-process ceiling.
                raised.rlim_cur = rlim_t(1 << 20)
                _ = setrlimit(resourceNumber, &raised)
            }
        }
        return current
    }

    private static func clamp(_ value: rlim_t) -> Int { value > rlim_t(Int32.max) ? Int(Int32.max) : Int(value) }

    #if canImport(Glibc)
    private static let resourceNumber = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    private static let resourceNumber = RLIMIT_NOFILE
    #endif
}
