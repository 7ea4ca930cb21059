#if canImport(Glibc)
import Glibc
#endif
import FuzzDriver
import RoundtableExchange

/// The cursor secret: any 32 bytes (a node draws its own at random).
let cursor = PageCursor(secret: Array(0..<32))

/// A TAXII query as a cursor is bound to it: a collection, an endpoint and the filters other than `next`.
struct Query {
    var collection: String
    var endpoint: String
    var filters: [(name: String, value: String)]

    /// The query as the node binds tokens to it.
    var bound: String { PageCursor.query(collection: collection, endpoint: endpoint, filters: filters) }

    /// Whether two queries are the same: same collection, endpoint and filters, in any order, byte for byte.
    func isSame(as other: Query) -> Bool {
        func filters(_ query: Query) -> [[[UInt8]]] {
            query.filters.map { [Array($0.name.utf8), Array($0.value.utf8)] }.sorted {
                $0[0] == $1[0] ? $0[1].lexicographicallyPrecedes($1[1]) : $0[0].lexicographicallyPrecedes($1[0])
            }
        }
        return Array(collection.utf8) == Array(other.collection.utf8) && Array(endpoint.utf8) == Array(other.endpoint.utf8)
            && filters(self) == filters(other)
    }
}

/// libFuzzer target: TAXII paging cursors (the `next` parameter), which any client may present, and the query text
/// they are bound to.
///
/// - A token issued for a position and a query (collection, endpoint, filters, all fuzz-chosen) resumes at that position
///   for that query, with its filters in any order, and is refused for any other query: another collection, endpoint,
///   filter or filter value, however their texts run together.
/// - Any other text presented as a token (the fuzz bytes, or the genuine token edited) is refused, unless it is the
///   genuine token: every token accepted is the one the node writes, in the URL-safe alphabet.
func fuzzPageCursor(_ bytes: [UInt8]) {
    var input = FuzzBytes(bytes)
    let position = Int64(bitPattern: input.uint64())
    let query = Query(input: &input)
    let token = cursor.token(after: position, query: query.bound)
    guard token.utf8.count == 32, token.utf8.allSatisfy(isBase64URL) else { fatalError("a token is not 32 URL-safe characters: \(token)") }
    let shuffled = Query(collection: query.collection, endpoint: query.endpoint, filters: query.filters.reversed())
    guard cursor.position(token, query: shuffled.bound) == position else { fatalError("a token does not resume its own query") }
    let other = Query(input: &input)
    let resumed = cursor.position(token, query: other.bound)
    guard resumed == (other.isSame(as: query) ? position : nil) else {
        fatalError("a token for \(query.bound.debugDescription) resumes \(other.bound.debugDescription) at \(resumed.map(String.init) ?? "nil")")
    }
    var edited = Array(token.utf8)
    let place = input.int(below: edited.count + 1)
    let character = "ABab09-_+/=. %".utf8.map(\.self)[input.int(below: 14)]
    switch input.byte() % 3 {
    case 0 where place < edited.count: edited[place] = character
    case 1 where place < edited.count: edited.remove(at: place)
    default: edited.insert(character, at: place)
    }
    for text in [String(decoding: edited, as: UTF8.self), String(decoding: input.rest(), as: UTF8.self)] where text != token {
        guard cursor.position(text, query: query.bound) == nil else { fatalError("the token \(text.debugDescription) is accepted for \(token)") }
    }
}

extension Query {
    /// A query read from the fuzz input: texts as long as a collection id and an object id, and up to four filters.
    init(input: inout FuzzBytes) {
        collection = input.string(upTo: 64)
        endpoint = input.string(upTo: 64)
        filters = (0..<input.byte() % 5).map { _ in (input.string(upTo: 32), input.string(upTo: 64)) }
    }
}

/// Whether a byte is in the URL-safe base64 alphabet (RFC 4648 §5).
func isBase64URL(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
    case UInt8(ascii: "-"), UInt8(ascii: "_"): true
    default: false
    }
}

@main
enum Main {
    static func main() {
        exit(runFuzzer { data, count in
            fuzzPageCursor(data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? [])
            return 0
        })
    }
}
