import Foundation
package import GRDB
import RoundtableDomain
import TransparencyLog

/// Log entries stored as C2SP entry bundles, one row per 256 entries (`entry_bundle(idx, count, data)`), served as
/// stored; the entries of the bundle not yet full wait in `entry_tail`, one row each.
package enum SQLiteEntryBundles {
    static let width = TileID.fullWidth

    /// The number of entries stored.
    package static func count(_ db: Database) throws -> UInt64 {
        if let last = try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(idx) FROM entry_tail")) { return UInt64(last) + 1 }
        guard let bundle = try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(idx) FROM entry_bundle")) else { return 0 }
        return UInt64(bundle + 1) * UInt64(width)
    }

    /// Appends entries after the last one, which must be at `index`; otherwise writes nothing and throws
    /// ``AppendOutOfStep``.
    ///
    /// Entries wait in `entry_tail`, one row each, until they fill a bundle, which is then written once: an append
    /// writes only its own entries, never the partial bundle again. A bundle that an append fills from its own
    /// entries is written directly, without passing through `entry_tail`.
    package static func append(_ entries: some Collection<[UInt8]>, at index: UInt64, to db: Database) throws {
        let first = try count(db)
        guard first == index else { throw AppendOutOfStep(expected: index, stored: first) }
        let entries = Array(entries)
        for entry in entries where entry.count > EntryBundle.maximumEntrySize { throw SQLiteStoreError.entryTooLarge(entry.count) }
        var next = 0
        let waiting = Int(first % UInt64(width))
        if waiting > 0, entries.count >= width - waiting {
            // The partial bundle fills up: its waiting entries and the first of these make it whole.
            next = width - waiting
            try sealBundle(Int64(first / UInt64(width)), completedBy: entries[..<next], in: db)
        }
        // From a bundle's first index on, each run of `width` entries is a whole bundle.
        while (first + UInt64(next)) % UInt64(width) == 0, entries.count - next >= width {
            let bundle = Int64((first + UInt64(next)) / UInt64(width))
            try db.cachedStatement(sql: "INSERT INTO entry_bundle (idx, count, data) VALUES (?, ?, ?)")
                .execute(arguments: [bundle, width, Data(EntryBundle(entries: Array(entries[next..<(next + width)])).bytes)])
            next += width
        }
        let insert = try db.cachedStatement(sql: "INSERT INTO entry_tail (idx, data) VALUES (?, ?)")
        for (offset, entry) in entries[next...].enumerated() {
            try insert.execute(arguments: [Int64(first) + Int64(next + offset), Data(entry)])
        }
    }

    /// Writes a bundle from the entries waiting for it in `entry_tail` and the ones that complete it, and removes
    /// the waiting rows.
    private static func sealBundle(_ bundle: Int64, completedBy last: ArraySlice<[UInt8]>, in db: Database) throws {
        let range = [bundle * Int64(width), (bundle + 1) * Int64(width) - 1]
        let waiting = try Data.fetchAll(
            db,
            sql: "SELECT data FROM entry_tail WHERE idx BETWEEN ? AND ? ORDER BY idx",
            arguments: StatementArguments(range)
        )
        guard waiting.count + last.count == width else { throw SQLiteStoreError.corruptRow("entry tail of bundle \(bundle)") }
        let data = EntryBundle(entries: waiting.map { Array($0) } + last).bytes
        try db.execute(sql: "INSERT INTO entry_bundle (idx, count, data) VALUES (?, ?, ?)", arguments: [bundle, width, Data(data)])
        try db.execute(sql: "DELETE FROM entry_tail WHERE idx BETWEEN ? AND ?", arguments: StatementArguments(range))
    }

    /// Up to `limit` entries from `start`.
    package static func entries(from start: UInt64, limit: Int, in db: Database) throws -> [[UInt8]] {
        guard limit > 0, start <= UInt64(Int64.max) else { return [] }
        let first = Int64(start / UInt64(width))
        let last = Int64((start + UInt64(limit) - 1) / UInt64(width))
        var result: [[UInt8]] = []
        result.reserveCapacity(limit)
        let rows = try Row.fetchCursor(
            db, sql: "SELECT idx, data FROM entry_bundle WHERE idx BETWEEN ? AND ? ORDER BY idx", arguments: [first, last])
        while let row = try rows.next() {
            let base = UInt64(row["idx"] as Int64) * UInt64(width)
            let data = row["data"] as Data
            for (offset, range) in try ranges(in: data).enumerated() {
                let index = base + UInt64(offset)
                guard index >= start, result.count < limit else { continue }
                result.append(Array(data[range]))
            }
        }
        let tailStart = Int64(start) + Int64(result.count)
        if result.count < limit {
            let tail = try Data.fetchAll(
                db, sql: "SELECT data FROM entry_tail WHERE idx >= ? ORDER BY idx LIMIT ?", arguments: [tailStart, limit - result.count])
            result += tail.map { Array($0) }
        }
        return result
    }

    /// The bytes of a bundle's first `width` entries, as a C2SP entry bundle, or `nil` if it has fewer.
    package static func bundle(_ index: UInt64, width: Int, in db: Database) throws -> [UInt8]? {
        guard index <= UInt64(Int64.max) / UInt64(Self.width) else { return nil }
        if let data = try Data.fetchOne(db, sql: "SELECT data FROM entry_bundle WHERE idx = ?", arguments: [Int64(index)]) {
            let ranges = try ranges(in: data)
            return Array(data.prefix(ranges[width - 1].upperBound - data.startIndex))
        }
        let first = Int64(index) * Int64(Self.width)
        let entries = try Data.fetchAll(
            db, sql: "SELECT data FROM entry_tail WHERE idx BETWEEN ? AND ? ORDER BY idx", arguments: [first, first + Int64(width) - 1])
        guard entries.count == width else { return nil }
        return EntryBundle(entries: entries.map { Array($0) }).bytes
    }

    /// The v3 layout's append, kept for that migration alone: every entry goes into a bundle row, partial or not.
    static func appendAsBundles(_ entries: some Collection<[UInt8]>, to db: Database) throws {
        var (bundle, count, data) = (Int64(0), 0, [UInt8]())
        if let last = try Row.fetchOne(db, sql: "SELECT idx, count, data FROM entry_bundle ORDER BY idx DESC LIMIT 1") {
            (bundle, count) = (last["idx"], last["count"])
            if count < width { data = Array(last["data"] as Data) } else { (bundle, count) = (bundle + 1, 0) }
        }
        let store = try db.cachedStatement(sql: "INSERT OR REPLACE INTO entry_bundle (idx, count, data) VALUES (?, ?, ?)")
        for entry in entries {
            guard entry.count <= EntryBundle.maximumEntrySize else { throw SQLiteStoreError.entryTooLarge(entry.count) }
            data.append(UInt8(entry.count >> 8))
            data.append(UInt8(entry.count & 0xFF))
            data.append(contentsOf: entry)
            count += 1
            if count == width {
                try store.execute(arguments: [bundle, count, Data(data)])
                (bundle, count) = (bundle + 1, 0)
                data.removeAll(keepingCapacity: true)
            }
        }
        if count > 0 { try store.execute(arguments: [bundle, count, Data(data)]) }
    }

    /// Where each entry's bytes lie in a bundle.
    static func ranges(in data: Data) throws -> [Range<Data.Index>] {
        var ranges: [Range<Data.Index>] = []
        var offset = data.startIndex
        while offset < data.endIndex {
            guard offset + 2 <= data.endIndex else { throw SQLiteStoreError.corruptRow("entry bundle") }
            let length = Int(data[offset]) << 8 | Int(data[offset + 1])
            guard offset + 2 + length <= data.endIndex else { throw SQLiteStoreError.corruptRow("entry bundle") }
            ranges.append((offset + 2)..<(offset + 2 + length))
            offset += 2 + length
        }
        return ranges
    }
}
