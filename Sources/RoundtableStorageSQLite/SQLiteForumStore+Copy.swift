import Foundation
import GRDB
public import RoundtableDomain

extension SQLiteForumStore: StoreCopying {
    public func exportRows(_ table: StoreTable, pageSize limit: Int, _ body: ([[StoreValue]]) async throws -> Void) async throws {
        let columns = table.columns
        // Pages follow the table's key (the rowid where the order written is the order): each page starts after the
        // last row of the one before, however large the table.
        let keys = table.order.isEmpty ? ["rowid"] : table.order.components(separatedBy: ", ")
        let select = "SELECT \((columns.map(\.name) + keys).joined(separator: ", ")) FROM \(table.rawValue)"
        var last: [DatabaseValue]?
        while true {
            let after = last
            let rows = try await pool.read { db in
                let marks = Array(repeating: "?", count: keys.count).joined(separator: ", ")
                let condition = after == nil ? "" : " WHERE (\(keys.joined(separator: ", "))) > (\(marks))"
                let sql = select + condition + " ORDER BY \(keys.joined(separator: ", ")) LIMIT \(limit)"
                return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(after ?? []))
                    .map { row in (Array(row.databaseValues.prefix(columns.count)).map(Self.value), Array(row.databaseValues.suffix(keys.count))) }
            }
            guard !rows.isEmpty else { return }
            try await body(rows.map(\.0))
            last = rows.last!.1
            if rows.count < limit { return }
        }
    }

    public func importRows(_ table: StoreTable, _ rows: [[StoreValue]]) async throws {
        let names = table.columns.map(\.name)
        let marks = Array(repeating: "?", count: names.count).joined(separator: ", ")
        let sql = "INSERT INTO \(table.rawValue) (\(names.joined(separator: ", "))) VALUES (\(marks))"
        try await pool.writeToDisk { db in
            if table.hasInitialRow { try db.execute(sql: "DELETE FROM \(table.rawValue)") }
            let insert = try db.makeStatement(sql: sql)
            for row in rows { try insert.execute(arguments: StatementArguments(row.map(Self.databaseValue))) }
        }
    }

    private static func value(_ value: DatabaseValue) -> StoreValue {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .integer(Int64(number))
        case .string(let text): .text(text)
        case .blob(let data): .blob(Array(data))
        }
    }

    private static func databaseValue(_ value: StoreValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .text(let text): text.databaseValue
        case .blob(let bytes): Data(bytes).databaseValue
        }
    }
}
