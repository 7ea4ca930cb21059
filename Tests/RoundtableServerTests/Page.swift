import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// An HTML page a test fetched, with what the tests look for in it.
struct Page {
    /// A row of a proposal page's votes table.
    struct VoteRow: Equatable {
        let member: String
        let choice: String
        let act: UInt64
    }

    let status: HTTPResponse.Status
    /// The page's markup without what lets a table of records become a list on a phone (its ARIA table roles and the
    /// cells' `data-label`s), which the tests of the content look through; ``source`` has them.
    let html: String
    /// The page exactly as served.
    let source: String

    init(_ response: TestResponse) {
        status = response.status
        source = String(buffer: response.body)
        html = source.replacing(#/ role="(?:table|rowgroup|row|columnheader|rowheader|cell)"| data-label="[^"]*"/#, with: "")
    }

    init(_ client: any TestClientProtocol, _ uri: String) async throws {
        self.init(try await client.execute(uri: uri, method: .get))
    }

    func contains(_ text: String) -> Bool { html.contains(text) }

    func count(_ text: String) -> Int { html.components(separatedBy: text).count - 1 }

    /// The `lang` attribute of `<html>`.
    var lang: String? { html.firstMatch(of: /<html lang="([^"]*)"/).map { String($0.1) } }

    /// The text of every `<h1>`.
    var h1: [String] { html.matches(of: /<h1(?: lang="[^"]*")?>([^<]*)<\/h1>/).map { String($0.1) } }

    /// Every link's target.
    var links: [String] { html.matches(of: /href="([^"]*)"/).map { String($0.1) } }

    /// The proposals linked from the page's table rows, in order.
    var proposalLinks: [UInt64] {
        html.matches(of: /<tr><td>\d+<\/td><td><a href="\/proposals\/(\d+)"(?: lang="[^"]*")?>/).compactMap { UInt64($0.1) }
    }

    /// The acts linked from the log page's rows, in order.
    var actLinks: [UInt64] { html.matches(of: /<tr><td><a href="\/acts\/(\d+)">/).compactMap { UInt64($0.1) } }

    /// The acts of a proposal page's timeline, in order.
    var timeline: [UInt64] { section("<ol class=\"timeline\">", "</ol>").matches(of: /<li><a href="\/acts\/(\d+)">/).compactMap { UInt64($0.1) } }

    /// The rows of a proposal page's votes table.
    var votes: [VoteRow] {
        section("<table id=\"votes\" class=\"stack\">", "</table>")
            .matches(of: /<tr><th scope="row">(?:<span lang="[^"]*">)?([^<]*)(?:<\/span>)?<\/th><td>(\w+)[^\n]*<a href="\/acts\/(\d+)">/)
            .map { VoteRow(member: String($0.1), choice: String($0.2), act: UInt64($0.3)!) }
    }

    private func section(_ start: String, _ end: String) -> Substring {
        guard let from = html.range(of: start), let to = html.range(of: end, range: from.upperBound..<html.endIndex) else { return "" }
        return html[from.upperBound..<to.lowerBound]
    }

    /// Text as the templates escape it.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}
