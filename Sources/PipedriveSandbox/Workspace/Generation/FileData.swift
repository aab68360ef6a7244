/// Generated files with their bytes, attached to deals, persons, organizations, products and activities.
enum FileData {
    static let extensions = ["txt", "csv", "json", "svg", "md"]
    static let stems = ["proposal", "contract", "price list", "meeting notes", "見積書", "Angebot", "عرض سعر", "roadmap 🚀", "Überblick"]

    static func generate(into store: inout Store, _ population: Population, seed: UInt64) {
        var random = SeededRandom(seed: seed, stream: "files")
        let linkedCount = population.deals.count + population.persons.count + population.organizations.count + population.products.count
        let count = max(25 * population.scale, linkedCount / 8)
        for index in 0..<count {
            let id = store.nextID("files")
            let stem = population.hostile && random.chance(0.1) ? SampleText.hostile[index % SampleText.hostile.count] : random.pick(stems)
            let name = "\(stem) \(index + 1).\(random.pick(extensions))"
            let bytes = FileRows.content(name, &random, hostile: population.hostile)
            var linked: [String: Int] = [:]
            linked["deal_id"] = population.maybe(population.deals, 0.5, &random)
            linked["person_id"] = population.maybe(population.persons, 0.4, &random)
            linked["org_id"] = population.maybe(population.organizations, 0.3, &random)
            linked["product_id"] = population.maybe(population.products, 0.1, &random)
            linked["activity_id"] = population.maybe(population.activities, 0.05, &random)
            let added = population.time(&random)
            store.save(
                "files",
                FileRows.row(
                    id: id, fileName: name, size: bytes.count, userID: random.pick(population.users), linkedIDs: linked,
                    added: added, updated: min(population.now, added + Int.random(in: 0...86_400, using: &random)),
                    description: random.chance(0.5) ? SampleText.phrase(&random, words: 5, hostile: population.hostile) : "",
                    store: store))
            store.blobs[FileRows.blobKey(id)] = bytes
        }
    }
}
