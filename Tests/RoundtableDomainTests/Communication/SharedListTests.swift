import Foundation
import RoundtableDomain
import Testing

@Suite("Shared list")
struct SharedListTests {
    @Test("a copy shares what was there and grows on its own; lists compare and encode by their elements, newest first")
    func sharing() throws {
        var first = SharedList<Int>()
        for number in 1...3 { first.prepend(number) }
        var second = first
        second.prepend(4)
        first.prepend(5)
        #expect(Array(first) == [5, 3, 2, 1] && Array(second) == [4, 3, 2, 1])
        #expect(first.count == 4 && second.count == 4)
        var again = SharedList<Int>()
        for number in [1, 2, 3, 5] { again.prepend(number) }
        #expect(again == first && again != second && again.hashValue == first.hashValue)
        let decoded = try JSONDecoder().decode(SharedList<Int>.self, from: try JSONEncoder().encode(first))
        #expect(decoded == first)
        #expect(String(decoding: try JSONEncoder().encode(first), as: UTF8.self) == "[5,3,2,1]")
    }

    @Test("a list of two million elements is freed without a nested call per element, and a shared tail survives")
    func freesLongLists() {
        var tail = SharedList<Int>()
        for number in 0..<1_000 { tail.prepend(number) }
        do {
            var long = tail
            for number in 0..<2_000_000 { long.prepend(number) }
            #expect(long.count == 2_001_000)
        }
        #expect(tail.count == 1_000 && tail.reduce(0, +) == 499_500)
    }
}
