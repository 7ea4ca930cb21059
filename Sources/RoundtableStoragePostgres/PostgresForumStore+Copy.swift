import Foundation
import Logging
import NIOCore
import PostgresNIO
public import RoundtableDomain

extension PostgresForumStore: StoreCopying {
    public func exportRows(_ table: StoreTable, pageSize limit: Int, _ body: ([[StoreValue]]) async throws -> Void) async throws {
        let columns = table.columns
        // Pages follow the table's key (the identity column where the order written is the order): each page starts
        // after the last row of the one before, however large the table.
        let keys = Self.keys(table)
        let selected = columns.map { $0.kind == .boolean ? "\($0.name)::integer" : $0.name } + keys
        var after: PostgresBindings?
        while true {
            var sql = "SELECT \(selected.joined(separator: ", ")) FROM \(table.rawValue)"
            var binds = PostgresBindings()
            if let after {
                binds = after
                sql += " WHERE (\(keys.joined(separator: ", "))) > (\((1...keys.count).map { "$\($0)" }.joined(separator: ", ")))"
            }
            sql += " ORDER BY \(keys.joined(separator: ", ")) LIMIT \(limit)"
            let rows = try await client.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).collect()
            guard !rows.isEmpty else { return }
            try await body(try rows.map { row in try Self.values(row, columns) })
            after = try Self.keyBindings(rows.last!, table: table, columnCount: columns.count)
            if rows.count < limit { return }
        }
    }

    public func importRows(_ table: StoreTable, _ rows: [[StoreValue]]) async throws {
        let columns = table.columns
        try await transaction { connection in
            if table.hasInitialRow { try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM \(table.rawValue)"), logger: logger) }
            // Up to 500 rows a statement: PostgreSQL takes at most 65,535 parameters.
            for start in stride(from: 0, to: rows.count, by: 500) {
                var binds = PostgresBindings()
                var tuples: [String] = []
                for row in rows[start..<min(start + 500, rows.count)] {
                    var marks: [String] = []
                    for (value, column) in zip(row, columns) {
                        Self.bind(value, as: column.kind, into: &binds)
                        marks.append("$\(binds.count)")
                    }
                    tuples.append("(\(marks.joined(separator: ", ")))")
                }
                let sql = "INSERT INTO \(table.rawValue) (\(columns.map(\.name).joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))"
                try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
            }
        }
    }

    /// The columns a table's pages follow.
    private static func keys(_ table: StoreTable) -> [String] {
        switch table {
        case .memberKey, .memberToken: ["position"]
        case .sealedRecord, .deliveryAttempt: ["id"]
        default: table.order.components(separatedBy: ", ")
        }
    }

    /// The last row's key values, bound for the next page's condition.
    private static func keyBindings(_ row: PostgresRow, table: StoreTable, columnCount: Int) throws -> PostgresBindings {
        var binds = PostgresBindings()
        let keyColumns = keys(table)
        for (offset, cell) in row.enumerated() where offset >= columnCount {
            let name = keyColumns[offset - columnCount]
            let kind = table.columns.first { $0.name == name }?.kind ?? .integer
            if kind == .integer {
                binds.append(try cell.decode(Int64.self), context: .default)
            } else if kind == .text {
                binds.append(try cell.decode(String.self), context: .default)
            } else {
                binds.append(try cell.decode(ByteBuffer.self), context: .default)
            }
        }
        return binds
    }

    private static func values(_ row: PostgresRow, _ columns: [StoreTable.Column]) throws -> [StoreValue] {
        var values: [StoreValue] = []
        for (cell, column) in zip(row, columns) {
            switch column.kind {
            case .integer, .boolean:
                if let number = try cell.decode(Int64?.self) { values.append(.integer(number)) } else { values.append(.null) }
            case .text:
                if let text = try cell.decode(String?.self) { values.append(.text(text)) } else { values.append(.null) }
            case .blob:
                if let bytes = try cell.decode(ByteBuffer?.self) { values.append(.blob(Array(buffer: bytes))) } else { values.append(.null) }
            }
        }
        return values
    }

    private static func bind(_ value: StoreValue, as kind: StoreValue.Kind, into binds: inout PostgresBindings) {
        switch (value, kind) {
        case (.null, _): binds.appendNull()
        case (.integer(let number), .boolean): binds.append(number != 0, context: .default)
        case (.integer(let number), _): binds.append(number, context: .default)
        case (.text(let text), _): binds.append(text, context: .default)
        case (.blob(let bytes), _): binds.append(ByteBuffer(bytes: bytes), context: .default)
        }
    }
}
