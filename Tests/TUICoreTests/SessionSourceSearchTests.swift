import Foundation
import JSONValue
import PipedriveEngine
import PipedriveSandbox
import Testing
@testable import TUICore

/// Finding a record by name for a form's reference field, against a real sandbox over HTTP.
@Suite struct SessionSourceSearchTests {
    let server: SandboxServer
    let source: SessionSource

    init() throws {
        server = try SandboxServer.start(SandboxConfiguration())
        let settings = ConnectionSettings(baseURL: URL(string: server.baseURL)!, credential: .apiToken(server.apiToken), profileName: "test")
        source = SessionSource(session: Session(settings: settings))
    }

    @Test func aResourceWithASearchCallIsSearched() async throws {
        defer { server.stop() }
        let choices = try await source.search(resource: "organizations", term: "Acme")
        #expect(!choices.isEmpty)
        #expect(choices.allSatisfy { $0.label.lowercased().contains("acme") })
        #expect(server.requestLog.contains { $0.path.hasSuffix("/organizations/search") })
    }

    @Test func aResourceWithoutOneIsMatchedByNameFromItsList() async throws {
        defer { server.stop() }
        let stages = try await source.page(PageRequest(resource: "stages", action: "Read")).rows
        let names = stages.compactMap { $0["name"]?.stringValue }
        let name = try #require(names.first)
        let term = String(name.prefix(4)).uppercased()
        let choices = try await source.search(resource: "stages", term: term)
        let expected = stages.filter { ($0["name"]?.stringValue ?? "").lowercased().contains(term.lowercased()) }.compactMap { $0["id"]?.intValue }
        #expect(!choices.isEmpty)
        #expect(choices.map(\.id) == Array(expected.prefix(20)))
        #expect(choices.allSatisfy { $0.label.lowercased().contains(term.lowercased()) })
        #expect(try await source.search(resource: "stages", term: "no stage is called this").isEmpty)
    }

    /// Every pipeline has a "Qualified": the stage picker says whose each one is (`Qualified · Sales`).
    @Test func aStageChoiceNamesItsPipeline() async throws {
        defer { server.stop() }
        let stages = try await source.page(PageRequest(resource: "stages", action: "Read")).rows
        let pipelines = try await source.page(PageRequest(resource: "pipelines", action: "Read")).rows
        let pipelineName = Dictionary(uniqueKeysWithValues: pipelines.compactMap { p in p["id"]?.intValue.map { ($0, p["name"]?.stringValue ?? "") } })
        let name = try #require(stages.first?["name"]?.stringValue)
        let choices = try await source.search(resource: "stages", term: name)
        #expect(!choices.isEmpty)
        for choice in choices {
            let stage = try #require(stages.first { $0["id"]?.intValue == choice.id })
            let pipeline = try #require(stage["pipeline_id"]?.intValue.flatMap { pipelineName[$0] })
            #expect(choice.label == "\(stage["name"]?.stringValue ?? "") · \(pipeline)")
        }
        // The sandbox's pipelines share stage names, so the pipeline is what tells the choices apart.
        #expect(Set(choices.map(\.label)).count == choices.count)
    }
}
