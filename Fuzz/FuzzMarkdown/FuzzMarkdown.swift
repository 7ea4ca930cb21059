#if canImport(Glibc)
import Glibc
#endif
import FuzzDriver
import RoundtableWeb

/// libFuzzer target: the Markdown renderer of proposal texts (`MarkdownRenderer`), whose output goes into the pages
/// as HTML.
///
/// - Rendering is deterministic.
/// - The output is well-formed and safe (``HTMLCheck``): only the elements and attributes the renderer writes, every
///   element opened is closed, in order; no `<`, `>` or `&` from the text outside a tag or character reference; every
///   link an `https`, `http` or `mailto` URL, a fragment or a path on this site, once its character references are
///   read as a browser reads them.
func fuzzMarkdown(_ bytes: [UInt8]) {
    guard let text = String(validating: bytes, as: UTF8.self) else { return }
    let level = Int(bytes.first ?? 0) % 5 + 1
    let html = MarkdownRenderer.html(text, headingsBelow: level)
    guard MarkdownRenderer.html(text, headingsBelow: level) == html else {
        fatalError("the same text renders twice otherwise: \(text.debugDescription)")
    }
    if let problem = HTMLCheck.problem(in: html) {
        fatalError("\(problem) in \(html.debugDescription), rendered from \(text.debugDescription)")
    }
}

@main
enum Main {
    static func main() {
        exit(runFuzzer { data, count in
            fuzzMarkdown(data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? [])
            return 0
        })
    }
}
