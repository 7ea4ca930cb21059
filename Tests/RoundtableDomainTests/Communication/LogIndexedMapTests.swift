import Foundation
import RoundtableDomain
import Testing

@Suite("Log-indexed map")
struct LogIndexedMapTests {
    @Test("keys across stretches read back; equal maps are equal whatever the order of their changes")
    func readsAndCompares() throws {
        var forward = LogIndexedMap<UInt64, String>()
        for index: UInt64 in [0, 1, 63, 64, 65, 1_000, 70_000] { forward[index] = "act \(index)" }
        var backward = LogIndexedMap<UInt64, String>()
        for index: UInt64 in [70_000, 1_000, 65, 64, 63, 1, 0, 5] { backward[index] = "act \(index)" }
        #expect(backward.removeValue(forKey: 5) == "act 5")
        #expect(backward.removeValue(forKey: 5) == nil)
        #expect(forward == backward && forward.hashValue == backward.hashValue)
        #expect(forward.count == 7 && forward[64] == "act 64" && forward[2] == nil)
        #expect(forward.keys.sorted() == [0, 1, 63, 64, 65, 1_000, 70_000])
        #expect(Set(forward.values) == Set(forward.keys.map { "act \($0)" }))
        #expect(forward.updateValue("again", forKey: 63) == "act 63" && forward.count == 7)
        #expect(forward != backward)
    }

    @Test("removing every key of a stretch leaves a map equal to one that never had them")
    func removes() {
        var map = LogIndexedMap<UInt64, Int>()
        map[1] = 1
        map[200] = 200
        map[201] = 201
        map[200] = nil
        map.removeValue(forKey: 201)
        var other = LogIndexedMap<UInt64, Int>()
        other[1] = 1
        #expect(map == other && map.count == 1 && !map.isEmpty)
        map[1] = nil
        #expect(map.isEmpty && map == LogIndexedMap())
    }

    @Test("a copy changes on its own; deliveries are kept by act and recipient; the map encodes and decodes")
    func copiesAndCodes() throws {
        let (fr, ke) = (try MemberID("fr"), try MemberID("ke"))
        var first = LogIndexedMap<DeliveryID, Int>()
        first[DeliveryID(index: 9, recipient: fr)] = 1
        first[DeliveryID(index: 9, recipient: ke)] = 2
        var second = first
        second[DeliveryID(index: 9, recipient: ke)] = 3
        #expect(first[DeliveryID(index: 9, recipient: ke)] == 2 && second[DeliveryID(index: 9, recipient: ke)] == 3)
        #expect(first[DeliveryID(index: 10, recipient: ke)] == nil)
        let decoded = try JSONDecoder().decode(LogIndexedMap<DeliveryID, Int>.self, from: try JSONEncoder().encode(first))
        #expect(decoded == first)
    }
}
