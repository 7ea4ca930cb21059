import Foundation
import RoundtableDelivery
import Testing

@Suite("Notice")
struct NoticeTests {
    @Test("its JSON has sorted keys and no white space, so the same notice always gives the same bytes")
    func stableBytes() throws {
        let json = String(decoding: Fixtures.check().json, as: UTF8.self)
        #expect(
            json == #"{"contact":"ee-cert","deadline":"2025-07-01T12:00:00Z","fetch":"https://forum.test/api/v1/inbox/42","#
                + #""forum":"forum.test","index":42,"kind":"check","member":"EE","nonce":"0123456789abcdef0123456789abcdef"}"#)
        #expect(try Notice(json: Fixtures.check().json) == Fixtures.check())
    }

    @Test("absent optional fields are left out")
    func optionalFields() throws {
        let notice = Notice(forum: "forum.test", kind: .closed, index: 7, member: "FR", fetch: "https://forum.test/r/7")
        let json = String(decoding: notice.json, as: UTF8.self)
        #expect(json == #"{"fetch":"https://forum.test/r/7","forum":"forum.test","index":7,"kind":"closed","member":"FR"}"#)
        #expect(try Notice(json: notice.json) == notice)
    }

    @Test("every kind is written as its name", arguments: NoticeKind.allCases)
    func kinds(kind: NoticeKind) throws {
        var notice = Fixtures.check()
        notice.kind = kind
        #expect(String(decoding: notice.json, as: UTF8.self).contains(#""kind":"\#(kind.rawValue)""#))
    }

    @Test("a malformed nonce, deadline or fetch URL, or a control character, is refused")
    func validation() throws {
        try Fixtures.check().validate()
        var notices: [Notice] = []
        for change: (inout Notice) -> Void in [
            { $0.nonce = "0123456789ABCDEF0123456789ABCDEF" }, { $0.nonce = "abc" }, { $0.deadline = "1 July 2025" },
            { $0.deadline = "2025-07-01T12:00:00+02:00" }, { $0.fetch = "/api/v1/inbox/42" }, { $0.fetch = "ftp://forum.test/x" },
            { $0.member = "EE\r\nBcc: someone@example.org" },
        ] {
            var notice = Fixtures.check()
            change(&notice)
            notices.append(notice)
        }
        for notice in notices {
            #expect(throws: DeliveryError(.invalidNotice, "")) { try notice.validate() }
        }
    }
}
