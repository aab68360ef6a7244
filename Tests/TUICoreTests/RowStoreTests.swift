import JSONValue
import Testing
@testable import TUICore

@Suite struct RowStoreTests {
    static let varied: [JSON] = [
        ["id": 1, "title": "Acme renewal", "value": 1500.5, "won": true, "lost": false, "note": nil,
         "owner": ["id": 7, "name": "Ada Lovelace", "email": "ada@example.com"],
         "labels": [1, 2, "three", ["deep": [nil, -0.0, 1e-7]]], "empty": [:], "none": []],
        ["id": -2, "title": "佐藤花子 – प्रिया शर्मा 👨‍👩‍👧‍👦", "big": .int(Int.max), "small": .int(Int.min), "half": -42.5,
         "long": .string(String(repeating: "Ж", count: 5_000) + String(repeating: "a", count: 300))],
        ["only": "a row with keys the others lack", "id": 3],
        .array([1, 2]),  // not an object: kept whole, and has no members
        .string("scalar"),
    ]

    @Test func rowsComeBackAsTheyWentIn() {
        var store = RowStore()
        store.append(contentsOf: Array(Self.varied.prefix(2)))
        store.append(contentsOf: Array(Self.varied.dropFirst(2)))
        #expect(store.count == Self.varied.count)
        #expect(Array(store) == Self.varied)
        // Reading twice (the second from the decoded rows) gives the same.
        #expect(store[1] == Self.varied[1])
        #expect(store[0]["owner"]?["name"] == "Ada Lovelace")
    }

    @Test func oneValueWithoutDecodingTheRow() {
        let store = RowStore(Self.varied)
        #expect(store.value("id", at: 0) == 1)
        #expect(store.value("id", at: 1) == -2)
        #expect(store.value("title", at: 1) == Self.varied[1]["title"])
        #expect(store.value("labels", at: 0) == Self.varied[0]["labels"])
        #expect(store.value("note", at: 0) == .null)
        #expect(store.value("only", at: 0) == nil)  // a key the store knows, absent from this row
        #expect(store.value("nowhere", at: 0) == nil)  // a key it never saw
        #expect(store.value("id", at: 3) == nil)  // not an object
        #expect(store.value("small", at: 1) == .int(Int.min))
    }

    @Test func copiesDoNotSeeEachOthersAppends() {
        var first = RowStore([["id": 1]])
        _ = first[0]
        var second = first
        first.append(contentsOf: [["id": 2]])
        second.append(contentsOf: [["id": 20], ["id": 30]])
        #expect(Array(first) == [["id": 1], ["id": 2]])
        #expect(Array(second) == [["id": 1], ["id": 20], ["id": 30]])
        #expect(second.value("id", at: 1) == 20)
    }

    @Test func searchIsCaseInsensitiveOverEveryValueNestedOnesIncluded() {
        let store = RowStore(Self.varied)
        func rows(_ text: String) -> [Int] { store.indices(containing: RowStore.searchKey(text)) }
        #expect(rows("ACME") == [0])
        #expect(rows("ada@") == [0])  // nested object
        #expect(rows("three") == [0])  // nested array
        #expect(rows("1500.5") == [0])  // numbers as text
        #expect(rows("жжж") == [1])  // non-ASCII, lower-cased from Ж
        #expect(rows("प्रिया") == [1])
        #expect(rows("-42.5") == [1])
        #expect(rows("scalar") == [4])
        #expect(rows("a") == [0, 1, 2, 4])
        #expect(rows("true").isEmpty)  // booleans and keys are not searched
        #expect(rows("title").isEmpty)
        for position in store.indices {
            #expect(store.contains(RowStore.searchKey("A"), at: position) == [0, 1, 2, 4].contains(position))
        }
    }

    /// A match never runs from one row's text into the next one's.
    @Test func matchesStayWithinARow() {
        let store = RowStore([["a": "xxab"], ["a": "cdyy"], ["a": "abcd"]])
        #expect(store.indices(containing: RowStore.searchKey("abcd")) == [2])
        #expect(store.indices(containing: RowStore.searchKey("bc")) == [2])
        #expect(store.indices(containing: RowStore.searchKey("yy")) == [1])
    }

    /// Pages encoded apart (each with its own keys) join into one store.
    @Test func storesMadeApartJoin() {
        var store = RowStore([["id": 1, "a": "x"]])
        store.append(contentsOf: RowStore([["b": "y", "id": 2], ["c": ["d": 4], "id": 3]]))
        store.append(contentsOf: RowStore())
        #expect(store.count == 3)
        #expect(Array(store) == [["id": 1, "a": "x"], ["b": "y", "id": 2], ["c": ["d": 4], "id": 3]])
        #expect(store.value("a", at: 0) == "x" && store.value("a", at: 1) == nil)
        #expect(store.value("b", at: 1) == "y" && store.value("c", at: 2) == ["d": 4])
        #expect(store.indices(containing: RowStore.searchKey("Y")) == [1])
    }

    /// Narrowing a filter: the candidates that still match, in the candidates' order, whether each
    /// is looked up or every row is scanned once.
    @Test func subsetKeepsTheCandidatesOrder() {
        let store = RowStore((0..<100).map { ["id": .int($0), "name": .string($0 % 3 == 0 ? "Fizz \($0)" : "Plain \($0)")] })
        let many = Array((0..<100).reversed())  // more than an eighth of the rows: one scan
        #expect(store.subset(many, containing: RowStore.searchKey("fizz")) == many.filter { $0 % 3 == 0 })
        let few = [99, 3, 4, 50, 51]  // a handful: looked up one by one
        #expect(store.subset(few, containing: RowStore.searchKey("fizz")) == [99, 3, 51])
    }
}
