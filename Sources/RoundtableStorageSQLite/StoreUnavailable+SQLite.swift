import GRDB
import RoundtableDomain

extension StoreUnavailable {
    /// The disk failure that a SQLite error reports (`SQLITE_FULL`, `SQLITE_READONLY`, `SQLITE_IOERR`,
    /// `SQLITE_CANTOPEN`), or `nil` for any other error.
    init?(sqlite error: any Error) {
        guard let error = error as? DatabaseError else { return nil }
        let detail = "SQLite error \(error.extendedResultCode.rawValue): \(error.message ?? "no message")"
        switch error.resultCode {
        case .SQLITE_FULL: self.init(.diskFull, detail: detail)
        case .SQLITE_READONLY: self.init(.readOnly, detail: detail)
        case .SQLITE_IOERR: self.init(.ioFailure, detail: detail)
        case .SQLITE_CANTOPEN: self.init(.cannotOpen, detail: detail)
        default: return nil
        }
    }

    /// The error a write of the store throws: ``StoreUnavailable`` for a disk failure, the error itself otherwise.
    static func mapping(_ error: any Error) -> any Error {
        StoreUnavailable(sqlite: error) ?? error
    }
}

extension DatabasePool {
    /// A write transaction whose disk failures are thrown as ``StoreUnavailable``.
    func writeToDisk<T: Sendable>(_ updates: @Sendable (Database) throws -> T) async throws -> T {
        do { return try await write(updates) } catch { throw StoreUnavailable.mapping(error) }
    }

    /// A write transaction on the calling thread whose disk failures are thrown as ``StoreUnavailable``.
    func writeToDiskNow<T>(_ updates: (Database) throws -> T) throws -> T {
        do { return try write(updates) } catch { throw StoreUnavailable.mapping(error) }
    }
}
