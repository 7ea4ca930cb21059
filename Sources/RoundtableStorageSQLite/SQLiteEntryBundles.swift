import Foundation
package import GRDB
import TransparencyLog

/// Log entries stored as C2SP entry bundles, one row per 256 entries (`entry_bundle(idx, count, data)`), so an append
/// writes a few large rows instead of one row per entry, and a full bundle is served as stored.
package enum SQLiteEntryBundles {
    static let width = TileID.fullWidth

    /// The number of entries stored.
    package static func count(_ db: Database) throws -> UInt64 {
        guard let row = try Row.fetchOne(db, sql: "SELECT idx, count FROM entry_bundle ORDER BY idx DESC LIMIT 1") else { return 0 }
        return UInt64(row["idx"] as Int64) * UInt64(width) + UInt64(row["count"] as Int64)
    }

    /// Appends entries after the last one and returns the index of the first.
    package static func append(_ entries: some Collection<[UInt8]>, to db: Database) throws -> UInt64 {
        var (bundle, count, data) = (Int64(0), 0, [UInt8]())
        if let last = try Row.fetchOne(db, sql: "SELECT idx, count, data FROM entry_bundle ORDER BY idx DESC LIMIT 1") {
            (bundle, count) = (last["idx"], last["count"])
            if count < width { data = Array(last["data"] as Data) } else { (bundle, count) = (bundle + 1, 0) }
        }
        let first = UInt64(bundle) * UInt64(width) + UInt64(count)
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
        return first
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
        return result
    }

    /// The bytes of a bundle's first `width` entries, as a C2SP entry bundle, or `nil` if it has fewer.
    package static func bundle(_ index: UInt64, width: Int, in db: Database) throws -> [UInt8]? {
        guard index <= UInt64(Int64.max) / UInt64(Self.width),
            let row = try Row.fetchOne(db, sql: "SELECT count, data FROM entry_bundle WHERE idx = ?", arguments: [Int64(index)]),
            (row["count"] as Int) >= width
        else { return nil }
        let data = row["data"] as Data
        let ranges = try ranges(in: data)
        return Array(data.prefix(ranges[width - 1].upperBound - data.startIndex))
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
