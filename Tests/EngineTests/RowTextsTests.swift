import Foundation
import JSONValue
import PipedriveSandbox
import Testing

@testable import PipedriveEngine

/// Rows kept as the answer's texts (`PageSequence(keepsTexts:)`, what `pdtui get --format json|ndjson`
/// writes) parse to what the API answered: recorded real answers (pretty-printed), and the sandbox's pages in
/// v1 and v2, with escapes, unicode, nested objects and nulls.
@Suite struct RowTextsTests {
    /// Every recorded answer: the same rows and `additional_data` as parsing the whole body, each row one line.
    @Test func recordedAnswersGiveTheParsedRows() throws {
        let folder = SharedMaterial.packageRoot.appendingPathComponent("Tests/RealAnswers")
        let files = try #require(FileManager.default.enumerator(atPath: folder.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".json") }
        #expect(files.count > 20)
        for file in files {
            let body = Array(try Data(contentsOf: folder.appendingPathComponent(file)))
            let json = try JSON(parsing: body)
            for extraction in [Extraction.data, .recentsData] {
                let (texts, answer) = try extraction.rowTexts(from: body)
                #expect(texts.values == extraction.rows(from: json), "\(file)")
                #expect(answer["additional_data"] == json["additional_data"], "\(file)")
                #expect(!texts.bytes.contains(0x0A), "\(file): a row is more than one line")
                #expect(texts.ids == extraction.rows(from: json).map { $0["id"] }, "\(file)")
            }
        }
    }

    /// The sandbox's deals and persons, one with a title full of escapes, unicode and control characters:
    /// page after page, kept as texts, the same as parsed, in v1 and v2, and a parallel read the same again.
    @Test(arguments: [PipedriveEngine.APIVersion.v1, .v2])
    func sandboxPagesGiveTheParsedRows(version: PipedriveEngine.APIVersion) async throws {
        let fixture = try SandboxFixture(inProcess: true)
        let session = fixture.session(version: version)
        let deals = try session.resource(named: "deals")
        let tricky = "Tab\t \"quoted\" \\ /slash\n new line \u{1B}[2J é 中文 😀 \u{7F}\u{9B} \u{0}"
        let created = try await session.create(deals, values: ["title": .string(tricky)])
        for name in ["deals", "persons", "organizations", "activities"] {
            let resource = try session.resource(named: name)
            let action = try #require(resource.readAction)
            let values = try await session.pages(action, prefetch: false).allRows()
            var texts: [JSON] = []
            for try await page in try session.pages(action, prefetch: false, keepsTexts: true) {
                guard case .texts(let rows) = page.content else { Issue.record("\(name): parsed rows"); return }
                #expect(!rows.bytes.contains(0x0A))
                texts += rows.values
            }
            #expect(values.count > 20 && texts == values, "\(name) \(version)")
            let read = try #require(try session.parallelRead(action, of: resource, workers: 3, pageSize: 50, keepsTexts: true))
            var parallel: [JSON] = []
            try await read.run { parallel += $0.values }
            #expect(parallel.count == values.count && Set(parallel) == Set(values), "\(name) \(version), parallel")
        }
        let values = try await session.pages(try #require(deals.readAction)).allRows()
        #expect(values.first { $0["id"] == created.id?.json }?["title"] == .string(tricky))
    }
}
