import Testing

@testable import PipedriveSandbox

@Suite struct HTTPMessageTests {
    @Test func headIsParsedWithLowerCasedHeaderNames() throws {
        let head = try HTTPMessage.parseHead(
            Array("GET /api/v1/deals?limit=5 HTTP/1.1\r\nHost: x\r\nX-Api-Token:  abc \r\n".utf8)[...])
        #expect(head.method == "GET")
        #expect(head.target == "/api/v1/deals?limit=5")
        #expect(head.headers["x-api-token"] == "abc")
        #expect(head.keepAlive)
    }

    @Test func connectionHeaderDecidesKeepAlive() throws {
        #expect(try !HTTPMessage.parseHead(Array("GET / HTTP/1.1\r\nConnection: close".utf8)[...]).keepAlive)
        #expect(try !HTTPMessage.parseHead(Array("GET / HTTP/1.0".utf8)[...]).keepAlive)
        #expect(try HTTPMessage.parseHead(Array("GET / HTTP/1.0\r\nConnection: keep-alive".utf8)[...]).keepAlive)
    }

    @Test func malformedHeadsAreRefused() {
        #expect(throws: HTTPMessage.ParseError.self) { try HTTPMessage.parseHead(Array("GARBAGE".utf8)[...]) }
        #expect(throws: HTTPMessage.ParseError.self) {
            try HTTPMessage.parseHead(Array("GET / HTTP/1.1\r\nno colon here".utf8)[...])
        }
    }

    @Test func targetIsPercentDecodedAndPlusIsASpaceOnlyInTheQuery() {
        let (path, query, raw) = HTTPMessage.splitTarget("/api/v1/a%20b+c?term=J%C3%BCrgen+M&x=1&x=2&flag&bad=%zz")
        #expect(path == "/api/v1/a b+c")
        #expect(query["term"] == "Jürgen M")
        #expect(query["x"] == "2")
        #expect(query["flag"] == "")
        #expect(query["bad"] == "%zz")
        #expect(raw == "term=J%C3%BCrgen+M&x=1&x=2&flag&bad=%zz")
    }

    @Test func responsesCarryLengthAndConnection() {
        let bytes = HTTPMessage.serialize(SandboxResponse(status: 404, body: Array("{}".utf8)), keepAlive: false)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 404 Not Found\r\n"))
        #expect(text.contains("content-length: 2\r\n"))
        #expect(text.hasSuffix("connection: close\r\n\r\n{}"))
    }
}
