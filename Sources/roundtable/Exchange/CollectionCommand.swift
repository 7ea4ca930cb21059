import ArgumentParser
import Foundation
import NIOHTTP1
import RoundtableAPI
import RoundtableClient

/// `roundtable collection`: the operator's management of the exchange's TAXII collections.
struct CollectionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collection",
        abstract: "Manage the exchange's TAXII collections (operator).",
        subcommands: [CollectionCreate.self]
    )
}

/// `roundtable collection create`: defines a collection, recorded in the log as an act of the node.
struct CollectionCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a TAXII collection; the node records it in the log.",
        discussion: """
            Members are named by id, separated by commas, or 'all'. The audience is who TLP:AMBER objects reach; \
            readers and writers are who may read and add objects. A public collection serves its TLP:CLEAR objects \
            to anyone. Objects without a TLP marking take the default level.
            """
    )

    @Option(help: "The node's URL, for example http://127.0.0.1:8080.") var node: String
    @Option(help: "The operator's token file: admin.token in the node's data directory.") var adminToken: String
    @Option(help: "A short unique name: lowercase letters, digits, '-' or '_'.") var alias: String
    @Option(help: "The title for people.") var title: String
    @Option(help: "Who TLP:AMBER objects reach: 'all' or member ids.") var audience = "all"
    @Option(help: "Who may read: 'all' or member ids.") var read = "all"
    @Option(help: "Who may add objects: 'all' or member ids.") var write = "all"
    @Flag(help: "Serve TLP:CLEAR objects to anyone, without credentials.") var `public` = false
    @Option(help: "The level of objects without a TLP marking: clear, green, amber, amber+strict or red.") var defaultTLP = "amber"

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: adminToken) else { throw CLIError("cannot read \(adminToken)") }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let body = API.NewCollection(
            alias: alias, title: title, audience: audience, read: read, write: write, public: `public`, defaultTLP: defaultTLP)
        let reply: NodeHTTP.Reply
        do {
            reply = try await NodeHTTP.post(
                node.trimmingSuffix("/") + "/api/v1/admin/collections", Array(try JSONEncoder().encode(body)),
                headers: ["Content-Type": "application/json", "Authorization": "Bearer \(token)"])
        } catch {
            throw CLIError(ReachError.describe(error, url: node))
        }
        guard reply.status == .created else { throw CLIError("the node refused the collection (HTTP \(reply.status.code)): \(reply.text)") }
        let text = reply.text
        print(text)
    }
}
