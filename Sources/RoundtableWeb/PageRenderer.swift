import Foundation
import Mustache

/// Renders the public pages: the Mustache templates of `Templates/`, the string catalogs of `Strings/`, and the
/// style sheet and script of `Assets/`, all loaded once from this module's resources.
///
/// ```swift
/// let renderer = try PageRenderer()
/// let t = renderer.localizer(for: language)
/// let html = renderer.render(HomePage(state: state, checkpoint: nil, t: t), frame: PageFrame(...))
/// ```
public struct PageRenderer: Sendable {
    private let library: MustacheLibrary
    private let localizers: [String: Localizer]
    /// The languages the pages can be read in: the official languages that have a string catalog.
    public let languages: [WebLanguage]
    /// The style sheet every page links to.
    public let styleSheet: [UInt8]
    /// The script every page loads: signing in and signing acts in the browser.
    public let script: [UInt8]

    /// Loads the templates, catalogs and style sheet.
    /// - Throws: ``WebError`` when a resource is missing or does not parse.
    public init() throws {
        // Before the templates parse: each names it in its first line.
        MustacheContentTypes.register(ScalarHTMLContentType(), named: ScalarHTMLContentType.name)
        var library = MustacheLibrary()
        for (name, text) in try Self.resources(in: "Templates", withExtension: "mustache") {
            guard text.hasPrefix("{{% CONTENT_TYPE: \(ScalarHTMLContentType.name)}}") else {
                throw WebError("the template '\(name)' must open with {{% CONTENT_TYPE: \(ScalarHTMLContentType.name)}} (docs/web.md)")
            }
            do { try library.register(text, named: name) } catch { throw WebError("the template '\(name)' does not parse: \(error)") }
        }
        self.library = library
        let catalogs = try StringCatalog.bundled()
        guard let english = catalogs.first(where: { $0.language == .english }) else { throw WebError("the English string catalog is missing") }
        localizers = Dictionary(uniqueKeysWithValues: try catalogs.map { ($0.language.code, try Localizer(catalog: $0, english: english)) })
        languages = catalogs.map(\.language)
        guard let css = try Self.resources(in: "Assets", withExtension: "css")["roundtable"] else { throw WebError("the style sheet is missing") }
        styleSheet = Array(css.utf8)
        guard let js = try Self.resources(in: "Assets", withExtension: "js")["roundtable"] else { throw WebError("the script is missing") }
        script = Array(js.utf8)
    }

    /// The interface text of a language; English when the language has no catalog.
    public func localizer(for language: WebLanguage) -> Localizer {
        localizers[language.code] ?? localizers[WebLanguage.english.code]!
    }

    /// Renders a page inside the frame every page shares.
    /// - Parameters:
    ///   - page: The page's content.
    ///   - frame: The title, navigation and language switch.
    /// - Returns: The HTML document.
    public func render<Page: WebPage>(_ page: Page, frame: PageFrame) -> String {
        library.render(PageView(frame: frame, content: page), withTemplate: Page.template) ?? ""
    }

    /// The text of every resource file with this extension in a resource folder, by name without extension.
    private static func resources(in folder: String, withExtension fileExtension: String) throws -> [String: String] {
        guard let root = Bundle.module.resourceURL?.appendingPathComponent(folder),
            let names = try? FileManager.default.contentsOfDirectory(atPath: root.path)
        else { throw WebError("the module's \(folder) resources are missing") }
        var texts: [String: String] = [:]
        for name in names where name.hasSuffix("." + fileExtension) {
            texts[String(name.dropLast(fileExtension.count + 1))] = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
        }
        return texts
    }
}

/// A page's content: the template that renders it, and its title.
public protocol WebPage {
    /// The template's name, a file of `Templates/` without its extension.
    static var template: String { get }
    /// The page's title, its `<h1>` and the start of its `<title>`.
    var title: String { get }
}

/// What the templates see: the frame's fields at the top, the page's under `content`.
struct PageView<Content: WebPage> {
    let frame: PageFrame
    let content: Content
}
