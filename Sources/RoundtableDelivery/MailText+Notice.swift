extension MailText {
    /// The subject: the forum in brackets, the headline and the act's index.
    func subject(for notice: Notice) -> String {
        "[\(notice.forum)] \(headline[notice.kind] ?? notice.kind.rawValue) (#\(notice.index))"
    }

    /// The body: the headline, the forum, the act's index, the link, a check's nonce, the deadline and a footer.
    func body(for notice: Notice) -> String {
        var lines = [headline[notice.kind] ?? notice.kind.rawValue, "", forum + colon + notice.forum, act + colon + String(notice.index)]
        lines.append(open + colon + notice.fetch)
        if let value = notice.nonce { lines.append(nonce + colon + value) }
        if let value = notice.deadline { lines.append(deadline + colon + value) }
        return (lines + ["", footer]).joined(separator: "\n")
    }
}
