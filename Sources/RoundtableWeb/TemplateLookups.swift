import Mustache

// Lookups for the values templates read most: the frame, and the rows of long tables and lists. Without them the
// template library finds each name by reflection, which a page of a few hundred rows feels. An absent optional
// answers `false` rather than `nil`, so that the library does not go on to search the enclosing values for it.

extension PageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "frame": FrameLookup(frame: frame)
        case "content": content
        default: nil
        }
    }
}

/// The frame as templates read it (`PageFrame` is public API; its lookups are not).
struct FrameLookup: MustacheParent {
    let frame: PageFrame

    func child(named name: String) -> Any? {
        let frame = self.frame
        return switch name {
        case "t": frame.t
        case "lang": frame.lang
        case "dir": frame.dir
        case "forumName": frame.forumName
        case "documentTitle": frame.documentTitle
        case "navigation": frame.navigation
        case "languages": frame.languages
        case "signedIn": frame.signedIn ?? false
        case "signedInLabel": frame.signedInLabel
        case "contentLang": frame.contentLanguage
        default: nil
        }
    }
}

extension ProposalRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "href": href
        case "title": title
        case "lang": lang
        case "kind": kind
        case "stage": stage
        case "proposer": proposer
        case "proposerLang": proposerLang
        case "status": status
        default: nil
        }
    }
}

extension ActSummary: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "href": href
        case "label": label
        case "type": type
        case "typeName": typeName
        case "actor": actor
        case "sequence": sequence
        case "proposalHref": proposalHref ?? false
        case "proposalLabel": proposalLabel
        default: nil
        }
    }
}

extension CommunicationPage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "lang": lang
        case "id": id
        case "anchor": anchor
        case "name": self.name
        case "diplomatic": diplomatic
        case "technical": technical
        case "lawEnforcement": lawEnforcement
        case "lastCheck": lastCheck
        case "lastCheckHref": lastCheckHref ?? false
        case "received": received
        case "inTime": inTime
        case "overdue": overdue
        case "median": median
        case "sent": sent
        default: nil
        }
    }
}
