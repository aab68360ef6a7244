import Foundation
import JSONValue
import Testing

@testable import PipedriveSandbox

@Suite struct ServerTests {
    @Test func answersInPipedrivesV1AndV2Envelopes() async throws {
        try await Fixture.withServer { server async throws in
            let v1 = try await HTTP.get(server, "/api/v1/things/3")
            #expect(v1.status == 200)
            #expect(v1.headers["content-type"] == "application/json; charset=utf-8")
            #expect(v1.json == ["success": true, "data": ["id": 3, "name": "Thing 3"]])
            let v2 = try await HTTP.get(server, "/api/v2/things?limit=2")
            #expect(v2.json?["success"] == true)
            #expect(v2.json?["data"]?.arrayValue?.count == 2)
            #expect(v2.json?["additional_data"]?["next_cursor"]?.stringValue != nil)
            // v1 also answers under the historic /v1 prefix.
            #expect(try await HTTP.get(server, "/v1/things/3").json == v1.json)
        }
    }

    @Test func errorsFromHandlersUseTheErrorEnvelope() async throws {
        try await Fixture.withServer { server async throws in
            let missing = try await HTTP.get(server, "/api/v1/things/999")
            #expect(missing.status == 404)
            #expect(
                missing.json == [
                    "success": false, "error": "Thing not found", "error_info": "Object was not found.", "data": nil,
                    "additional_data": nil,
                ])
            let bad = try await HTTP.send(server, "POST", "/api/v1/things", body: Array("{}".utf8))
            #expect(bad.status == 400)
            #expect(bad.json?["error"] == "Thing name must be given.")
        }
    }

    @Test func unknownPathsAre404AndWrongMethods405() async throws {
        try await Fixture.withServer { server async throws in
            for target in ["/api/v1/nothing", "/api/v3/things", "/things", "/api/v2/things/1/extra"] {
                let reply = try await HTTP.get(server, target)
                #expect(reply.status == 404, "\(target)")
                #expect(reply.json?["success"] == false)
                #expect(reply.json?["error_info"] == "Please check developers.pipedrive.com")
            }
            let wrongMethod = try await HTTP.send(server, "DELETE", "/api/v1/things")
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.json?["success"] == false)
            #expect(wrongMethod.json?["error"]?.stringValue?.contains("DELETE") == true)
        }
    }

    @Test func aRefusedWriteChangesNothing() async throws {
        try await Fixture.withServer { server async throws in
            let refused = try await HTTP.send(server, "POST", "/api/v1/things", body: Array(#"{"name":"write-then-fail"}"#.utf8))
            #expect(refused.status == 400)
            #expect(server.withStore { $0["things"].count } == 10)
            #expect(server.withStore { $0.lastIDs["things"] } == nil)
            let created = try await HTTP.send(server, "POST", "/api/v1/things", body: Array(#"{"name":"new"}"#.utf8))
            #expect(created.status == 201)
            #expect(created.json?["data"]?["id"] == 11)
            #expect(server.withStore { $0["things"][11]?["name"] } == "new")
        }
    }

    @Test func pathAndQueryArePercentDecoded() async throws {
        try await Fixture.withServer { server async throws in
            let reply = try await HTTP.get(server, "/api/v1/echo/J%C3%BCrgen%20M?term=a+b%26c&name=%E2%9C%93")
            #expect(reply.json?["data"]?["word"] == "Jürgen M")
            #expect(reply.json?["data"]?["query"] == ["term": "a b&c", "name": "✓"])
        }
    }

    @Test func keepAliveServesManyRequestsOnOneConnection() throws {
        let server = try SandboxServer.start(Fixture.configuration())
        defer { server.stop() }
        let connection = try RawConnection(port: server.port)
        for id in 1...5 {
            connection.write("GET /api/v1/things/\(id) HTTP/1.1\r\nHost: x\r\nx-api-token: \(server.apiToken)\r\n\r\n")
            let reply = try connection.readResponse()
            #expect(reply.status == 200)
            #expect(reply.headers["connection"] == "keep-alive")
            #expect(reply.json?["data"]?["id"] == .int(id))
        }
        // Two pipelined requests, then one asking to close.
        connection.write(
            "GET /api/v1/things/1 HTTP/1.1\r\nx-api-token: \(server.apiToken)\r\n\r\n"
                + "GET /api/v1/things/2 HTTP/1.1\r\nx-api-token: \(server.apiToken)\r\nConnection: close\r\n\r\n")
        #expect(try connection.readResponse().json?["data"]?["id"] == 1)
        let last = try connection.readResponse()
        #expect(last.json?["data"]?["id"] == 2)
        #expect(last.headers["connection"] == "close")
        #expect(connection.readUntilClosed().bytes.isEmpty)
    }

    @Test func readsContentLengthAndChunkedBodies() throws {
        let server = try SandboxServer.start(Fixture.configuration())
        defer { server.stop() }
        let connection = try RawConnection(port: server.port)
        connection.write(
            "POST /api/v1/echo/x HTTP/1.1\r\nx-api-token: \(server.apiToken)\r\nContent-Length: 5\r\n\r\nhello")
        #expect(try connection.readResponse().json?["data"]?["body"] == "hello")
        connection.write(
            "POST /api/v1/echo/x HTTP/1.1\r\nx-api-token: \(server.apiToken)\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4\r\nchun\r\n7;ext=1\r\nked bod\r\n1\r\ny\r\n0\r\n\r\n")
        #expect(try connection.readResponse().json?["data"]?["body"] == "chunked body")
        connection.write("POST /api/v1/echo/x HTTP/1.1\r\nContent-Length: nope\r\n\r\n")
        let refused = try connection.readResponse()
        #expect(refused.status == 400)
        #expect(refused.json?["success"] == false)
    }

    @Test func servesConcurrentClients() async throws {
        try await Fixture.withServer(Fixture.configuration(rows: 200)) { server async throws in
            let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
                for client in 0..<16 {
                    group.addTask {
                        var seen: [Int] = []
                        for step in 0..<10 {
                            let id = client * 10 + step + 1
                            let reply = try await HTTP.get(server, "/api/v1/things/\(id)")
                            if reply.json?["data"]?["id"] == .int(id) { seen.append(id) }
                        }
                        return seen
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(statuses.sorted() == Array(1...160))
        }
    }

    @Test func portZeroPicksAFreePortAndStopFreesIt() throws {
        let first = try SandboxServer.start(Fixture.configuration())
        let second = try SandboxServer.start(Fixture.configuration())
        #expect(first.port != second.port)
        #expect(first.baseURL == "http://127.0.0.1:\(first.port)")
        first.stop()
        first.stop()
        #expect(throws: (any Error).self) { try RawConnection(port: first.port) }
        second.stop()
    }

    @Test func theDemoTokenDependsOnlyOnTheSeed() {
        let token = SandboxServer.demoAPIToken(seed: 1)
        #expect(token.count == 40)
        #expect(token.allSatisfy { $0.isHexDigit })
        #expect(token == SandboxServer.demoAPIToken(seed: 1))
        #expect(token != SandboxServer.demoAPIToken(seed: 2))
    }
}
