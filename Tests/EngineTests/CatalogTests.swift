import Testing
import PipedriveEngine

@Suite struct CatalogTests {
    @Test func lookupIsCaseInsensitive() {
        #expect(Catalog.pipedrive.resource(named: "nothing") == nil)
    }
}
