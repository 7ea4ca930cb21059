import Foundation
import HTTPTypes
import HummingbirdTesting
import RoundtableDomain
import RoundtableServer
import Testing

/// The exchange's public page after real TAXII submissions: counts by collection, TLP level and day, and nothing of
/// the objects themselves.
@Suite("Public exchange page")
struct WebExchangePageTests {
    @Test("counts per TLP level for today in every collection, and no object content at any level")
    func countsWithoutContent() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let shared = try await TAXIITest.define(node, alias: "shared", readers: .all, writers: .all, isPublic: true, defaultTLP: "green")
            let group = try await TAXIITest.define(
                node, alias: "group", audience: try TAXIITest.members("ee", "fr"), readers: try TAXIITest.members("ee", "fr"),
                writers: try TAXIITest.members("ee"))
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                let levels = [TAXIITest.clear, TAXIITest.clear, TAXIITest.green, TAXIITest.amber, TAXIITest.amberStrict]
                let secrets = (0..<6).map { "secret-name-\($0)" }
                var objects = levels.enumerated().map { STIXText.object(id: STIXText.newID(), markings: [$1], name: secrets[$0]) }
                objects.append(STIXText.object(id: STIXText.newID(), markings: [TAXIITest.red], recipients: ["fr"], name: secrets[5]))
                _ = try await client.addObjects(shared, objects, as: "ee")
                _ = try await client.addObjects(group, [STIXText.object(id: STIXText.newID(), name: "secret-name-group")], as: "ee")

                let page = try await Page(client, "/exchange")
                #expect(page.status == .ok)
                let today = Timestamp(seconds: Int64(Date().timeIntervalSince1970)).description.prefix(10)
                #expect(page.contains("<tr><th scope=\"row\">\(today)</th><td>2</td><td>1</td><td>1</td><td>1</td><td>1</td><td>6</td></tr>"))
                #expect(page.contains("<tr><th scope=\"row\">\(today)</th><td>0</td><td>0</td><td>1</td><td>0</td><td>0</td><td>1</td></tr>"))
                #expect(page.contains("Collection shared") && page.contains("Collection group"))
                #expect(page.contains("Public: its TLP:CLEAR objects can be read by anyone"))
                #expect(page.contains("Audience: named members"))
                #expect(!page.contains("secret-name"))
                #expect(!page.contains("198.51.100.7"))
                #expect(!page.contains("indicator--"))
            }
        }
    }
}
