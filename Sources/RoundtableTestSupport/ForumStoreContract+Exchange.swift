import RoundtableDomain
import Testing
import TransparencyLog

/// The exchange's checks: object versions and their queries (TAXII 2.1 `match[...]`, `added_after`, `limit`), counts,
/// status resources and the cursor secret.
extension ForumStoreContract {
    static var exchangeChecks: [Check] {
        [
            Check(
                [.objects, .latestDateAdded, .exchangeCounts, .status],
                "a new store holds no object version, no count and no status, and its latest date added is 0"
            ) { try await emptyExchange($0) },
            Check(
                [.objects, .append],
                "versions read back field for field; match[version] first, last, all and exact follow versions added in any order"
            ) { try await versions($0) },
            Check([.objects, .append], "deleting an object's first or last version makes the next one first or last") {
                try await deletedVersions($0)
            },
            Check(
                [.objects],
                "added_after is strict; id, type and spec_version filters combine; results ascend by date added and stop at the limit"
            ) { try await filters($0) },
            Check(
                [.objects],
                "a visibility condition keeps a level up to its open level, and any level that its member submitted or is named a recipient of"
            ) { try await visibility($0) },
            Check([.storedJSON], "the JSON of stored versions, by key; versions not stored, deleted or in another collection are left out") {
                try await storedJSON($0)
            },
            Check([.latestDateAdded], "the latest date added is the largest of every collection's") { try await latestDateAdded($0) },
            Check([.exchangeCounts], "counts per collection, day and TLP level follow every insert and delete; a zero count is not listed") {
                try await exchangeCounts($0)
            },
            Check([.storeStatus, .status], "a status resource reads back, is replaced by a later one, and may be stored with an append") {
                try await statuses($0)
            },
            Check([.cursorSecret], "the cursor secret is 32 bytes, made once per store and random") { try await cursorSecret($0) },
            Check(
                [.owners, .append],
                "an object id belongs to the member that first added it, in every collection, and stays theirs after its versions are deleted"
            ) { try await owners($0) },
        ]
    }

    /// An object version of collection `collection`: object `number`, version `version` (microseconds), added at `added`.
    static func object(
        _ number: Int, version: Int64, added: Int64, collection: String = "c", type: String = "indicator", specVersion: String = "2.1", tlp: Int = 0
    ) throws -> ExchangeObjectRecord {
        let suffix = String(number)
        return ExchangeObjectRecord(
            collection: collection, objectID: "\(type)--00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - suffix.count) + suffix,
            version: "v\(version)", versionMicros: version, dateAdded: added, type: type, specVersion: specVersion, tlp: tlp,
            recipients: number.isMultiple(of: 2) ? [] : [try MemberID("fr"), try MemberID("ee")], submitter: try MemberID("ke"),
            json: Array("{\"n\":\(number),\"v\":\(version)}".utf8), salt: tlp >= 2 ? [UInt8](repeating: UInt8(number), count: 16) : nil,
            logIndex: UInt64(number + 1))
    }

    static func key(_ object: ExchangeObjectRecord) -> ExchangeObjectKey {
        ExchangeObjectKey(collection: object.collection, objectID: object.objectID, versionMicros: object.versionMicros)
    }

    static func add(_ objects: [ExchangeObjectRecord], to store: any ForumStore) async throws {
        try await appendChanges([.objectsAdded(objects)], to: store)
    }

    static func delete(_ objects: [ExchangeObjectRecord], from store: any ForumStore) async throws {
        try await appendChanges([.objectsDeleted(objects.map(key))], to: store)
    }

    static func emptyExchange(_ stores: Stores) async throws {
        let store = try await stores.open()
        for versions: VersionMatch in [.last, .first, .all, .exact([1])] {
            #expect(try await store.objects(ExchangeQuery(collection: "c", versions: versions, limit: 10)).isEmpty)
        }
        #expect(try await store.latestDateAdded() == 0)
        #expect(try await store.exchangeCounts().isEmpty)
        #expect(try await store.status(id: "status") == nil)
    }

    static func versions(_ stores: Stores) async throws {
        let (store, _, _) = try await forum(stores)
        let v100 = try object(1, version: 100, added: 1_000, tlp: 2)
        let v300 = try object(1, version: 300, added: 2_000, tlp: 2)
        let single = try object(2, version: 10, added: 1_500)
        func query(_ versions: VersionMatch) async throws -> [ExchangeObjectRecord] {
            try await store.objects(ExchangeQuery(collection: "c", versions: versions, limit: 100))
        }
        try await add([v100, v300, single], to: store)
        #expect(try await query(.all) == [v100, single, v300])
        #expect(try await query(.last) == [single, v300])
        #expect(try await store.objects(ExchangeQuery(collection: "c", limit: 100)) == [single, v300], "last is the default")
        #expect(try await query(.first) == [v100, single])
        #expect(try await query(.exact([100, 10])) == [v100, single])
        #expect(try await query(.exact([])).isEmpty)
        let v200 = try object(1, version: 200, added: 3_000)
        try await add([v200], to: store)
        #expect(try await query(.last) == [single, v300], "a version between the first and the last is neither")
        #expect(try await query(.first) == [v100, single])
        let v50 = try object(1, version: 50, added: 4_000)
        try await add([v50], to: store)
        #expect(try await query(.first) == [single, v50], "an older version added later is the first")
        #expect(try await query(.last) == [single, v300])
        #expect(try await query(.all) == [v100, single, v300, v200, v50])
    }

    static func deletedVersions(_ stores: Stores) async throws {
        let (store, _, _) = try await forum(stores)
        let versions = try [50, 100, 200, 300].enumerated().map { try object(1, version: Int64($1), added: Int64(1_000 * ($0 + 1))) }
        let single = try object(2, version: 10, added: 500)
        try await add(versions + [single], to: store)
        func query(_ match: VersionMatch) async throws -> [Int64] {
            try await store.objects(ExchangeQuery(collection: "c", versions: match, limit: 100)).map(\.versionMicros)
        }
        try await delete([versions[3]], from: store)
        #expect(try await query(.last) == [10, 200])
        try await delete([versions[0]], from: store)
        #expect(try await query(.first) == [10, 100])
        #expect(try await query(.all) == [10, 100, 200])
        try await delete([versions[1], versions[2]], from: store)
        for match: VersionMatch in [.first, .last, .all] { #expect(try await query(match) == [10], "\(match)") }
        try await delete([single], from: store)
        #expect(try await query(.all).isEmpty)
        try await add([versions[1]], to: store)
        #expect(try await query(.first) == [100])
        #expect(try await query(.last) == [100])
    }

    static func filters(_ stores: Stores) async throws {
        let (store, _, _) = try await forum(stores)
        let a = try object(1, version: 1, added: 10)
        let b = try object(2, version: 1, added: 20, type: "malware")
        let c = try object(3, version: 1, added: 30, specVersion: "2.0")
        let d = try object(4, version: 1, added: 40, type: "identity")
        let elsewhere = try object(5, version: 1, added: 25, collection: "x")
        try await add([d, b, elsewhere, a, c], to: store)
        func query(_ change: (inout ExchangeQuery) -> Void) async throws -> [ExchangeObjectRecord] {
            var query = ExchangeQuery(collection: "c", limit: 100)
            change(&query)
            return try await store.objects(query)
        }
        #expect(try await query { _ in } == [a, b, c, d])
        #expect(try await query { $0.addedAfter = 20 } == [c, d], "added_after is strict")
        #expect(try await query { $0.addedAfter = 40 }.isEmpty)
        #expect(try await query { $0.types = ["indicator"] } == [a, c])
        #expect(try await query { $0.types = ["indicator", "malware"] } == [a, b, c])
        #expect(try await query { $0.objectIDs = [b.objectID, d.objectID, elsewhere.objectID] } == [b, d])
        #expect(try await query { $0.objectIDs = [] }.isEmpty)
        #expect(try await query { $0.specVersions = ["2.0"] } == [c])
        #expect(try await query { $0.types = ["indicator"]; $0.addedAfter = 10 } == [c])
        #expect(try await query { $0.limit = 2 } == [a, b])
        #expect(try await query { $0.limit = 2; $0.addedAfter = 10 } == [b, c])
        #expect(try await query { $0.limit = 0 }.isEmpty)
        #expect(try await query { $0.collection = "x" } == [elsewhere])
        #expect(try await query { $0.collection = "unknown" }.isEmpty)
    }

    static func visibility(_ stores: Stores) async throws {
        let (store, _, _) = try await forum(stores)
        var objects: [ExchangeObjectRecord] = []
        // Every level, submitted by `ke` or `eee`, naming no recipient, `ee`, or `fr` and `eee`: `ee` is part of `eee`
        // and of `ke`, and must match neither.
        for tlp in 0...4 {
            for (submitter, recipients) in [("ke", [String]()), ("ke", ["ee"]), ("eee", ["fr", "eee"]), ("eee", [])] {
                let base = try object(objects.count + 1, version: 1, added: Int64(10 * (objects.count + 1)), tlp: tlp)
                objects.append(
                    ExchangeObjectRecord(
                        collection: base.collection, objectID: base.objectID, version: base.version, versionMicros: base.versionMicros,
                        dateAdded: base.dateAdded, type: base.type, specVersion: base.specVersion, tlp: tlp,
                        recipients: try recipients.map { try MemberID($0) }, submitter: try MemberID(submitter), json: base.json, salt: base.salt,
                        logIndex: base.logIndex))
            }
        }
        try await add(objects, to: store)
        func visible(_ openLevel: Int, _ member: String?) async throws -> [ExchangeObjectRecord] {
            let condition = ExchangeVisibility(openLevel: openLevel, member: try member.map { try MemberID($0) })
            return try await store.objects(ExchangeQuery(collection: "c", limit: 100, visibility: condition))
        }
        #expect(try await store.objects(ExchangeQuery(collection: "c", limit: 100)) == objects)
        #expect(try await visible(0, nil) == objects.filter { $0.tlp == 0 })
        #expect(try await visible(4, nil) == objects)
        #expect(try await visible(1, "ee") == objects.filter { $0.tlp <= 1 || $0.recipients.map(\.rawValue) == ["ee"] })
        #expect(try await visible(3, "eee") == objects.filter { $0.tlp <= 3 || $0.submitter.rawValue == "eee" })
        #expect(try await visible(0, "ke") == objects.filter { $0.tlp == 0 || $0.submitter.rawValue == "ke" })
        #expect(try await visible(2, "e") == objects.filter { $0.tlp <= 2 }, "no member's id is matched in part")
        for member in ["ee", "eee", "fr", "ke", "e"] {
            for level in 0...4 {
                let condition = ExchangeVisibility(openLevel: level, member: try MemberID(member))
                #expect(try await visible(level, member) == objects.filter(condition.admits), "\(member), level \(level)")
            }
        }
    }

    static func storedJSON(_ stores: Stores) async throws {
        let (store, _, _) = try await forum(stores)
        let first = try object(1, version: 1, added: 10)
        let second = try object(1, version: 2, added: 20)
        let other = try object(2, version: 1, added: 30, collection: "x")
        try await add([first, second, other], to: store)
        let notStored = try object(3, version: 1, added: 40)
        let wrongCollection = ExchangeObjectKey(collection: "c", objectID: other.objectID, versionMicros: 1)
        let found = try await store.storedJSON([key(first), key(second), key(notStored), wrongCollection, key(other)])
        #expect(found == [key(first): first.json, key(second): second.json, key(other): other.json])
        try await delete([first], from: store)
        #expect(try await store.storedJSON([key(first), key(second)]) == [key(second): second.json])
        #expect(try await store.storedJSON([]).isEmpty)
    }

    static func latestDateAdded(_ stores: Stores) async throws {
        let (store, _, _) = try await forum(stores)
        try await add([try object(1, version: 1, added: 10), try object(2, version: 1, added: 50, collection: "x")], to: store)
        try await add([try object(3, version: 1, added: 30)], to: store)
        #expect(try await store.latestDateAdded() == 50)
    }

    static func exchangeCounts(_ stores: Stores) async throws {
        let (store, _, _) = try await forum(stores)
        let day = ExchangeCount.Key.microsecondsPerDay
        let added = [
            try object(1, version: 1, added: 20_000 * day + 1, collection: "a"), try object(2, version: 1, added: 20_000 * day + 2, collection: "a"),
            try object(3, version: 1, added: 20_000 * day + 3, collection: "a", tlp: 4),
            try object(4, version: 1, added: 20_001 * day, collection: "a"),
            try object(5, version: 1, added: 20_000 * day + 5, collection: "b", tlp: 2),
        ]
        try await add(added, to: store)
        func counts() async throws -> [String] {
            try await store.exchangeCounts().map { "\($0.key.collection) \($0.key.day) \($0.key.tlp) \($0.count)" }
        }
        #expect(try await counts() == ["a 20000 0 2", "a 20000 4 1", "a 20001 0 1", "b 20000 2 1"])
        try await delete([added[2], added[4]], from: store)
        #expect(try await counts() == ["a 20000 0 2", "a 20001 0 1"])
        try await add([try object(6, version: 1, added: 20_001 * day + 6, collection: "a")], to: store)
        #expect(try await counts() == ["a 20000 0 2", "a 20001 0 2"])
    }

    static func statuses(_ stores: Stores) async throws {
        let (store, _, _) = try await forum(stores)
        let pending = Array("{\"status\":\"pending\"}".utf8)
        let complete = Array("{\"status\":\"complete\"}".utf8)
        try await store.storeStatus(id: "s1", json: pending)
        #expect(try await store.status(id: "s1") == pending)
        try await store.storeStatus(id: "s1", json: complete)
        #expect(try await store.status(id: "s1") == complete)
        #expect(try await store.status(id: "s2") == nil)
        try await appendChanges([.objectsAdded([try object(1, version: 1, added: 10)]), .statusStored(id: "s3", json: complete)], to: store)
        #expect(try await store.status(id: "s3") == complete)
    }

    static func cursorSecret(_ stores: Stores) async throws {
        let store = try await stores.open("a")
        let secret = try await store.cursorSecret()
        #expect(secret.count == 32)
        #expect(try await store.cursorSecret() == secret, "made once")
        let other = try await stores.open("b").cursorSecret()
        #expect(other.count == 32)
        #expect(other != secret, "each store makes its own, at random")
    }

    static func owners(_ stores: Stores) async throws {
        let store = try await stores.open()
        func by(_ member: String, _ object: ExchangeObjectRecord) throws -> ExchangeObjectRecord {
            ExchangeObjectRecord(
                collection: object.collection, objectID: object.objectID, version: object.version, versionMicros: object.versionMicros,
                dateAdded: object.dateAdded, type: object.type, specVersion: object.specVersion, tlp: object.tlp, recipients: object.recipients,
                submitter: try MemberID(member), json: object.json, salt: object.salt, logIndex: object.logIndex)
        }
        let first = try by("fr", object(1, version: 10, added: 1))
        let later = try by("ee", object(1, version: 20, added: 2, collection: "d"))
        let other = try by("ee", object(2, version: 10, added: 3))
        #expect(try await store.owners(of: [first.objectID, other.objectID]).isEmpty, "no id was added yet")
        try await add([first], to: store)
        try await add([later, other], to: store)
        let owners = try await store.owners(of: [first.objectID, other.objectID, "indicator--00000000-0000-4000-8000-000000000099"])
        #expect(owners == [first.objectID: try MemberID("fr"), other.objectID: try MemberID("ee")], "the first to add an id owns it")
        try await delete([first, later], from: store)
        #expect(try await store.owners(of: [first.objectID]) == [first.objectID: try MemberID("fr")], "deleting versions keeps the owner")
        if let reopened = try await stores.reopen() {
            #expect(try await reopened.owners(of: [first.objectID, other.objectID]) == owners, "the owners persist")
        }
    }
}
