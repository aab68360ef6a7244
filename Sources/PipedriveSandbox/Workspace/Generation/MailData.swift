/// Generated mail: threads in every folder of the admin's mailbox (and some of colleagues'), with messages
/// between users and persons of the account.
enum MailData {
    static func generate(into store: inout Store, _ population: Population, seed: UInt64) {
        var random = SeededRandom(seed: seed, stream: "mail")
        let count = 40 * population.scale + population.deals.count / 10
        for index in 0..<count {
            // Every folder is represented from the first four threads on.
            let folder = index < MailRows.folders.count ? MailRows.folders[index] : random.pick(["inbox", "inbox", "sent", "drafts", "archive"])
            let owner = index % 5 == 4 ? random.pick(population.users) : 1
            let me = MailRows.Party(name: store.label("users", owner) ?? "", email: store["users"][owner]?["email"]?.stringValue ?? "me@example.com")
            let other = party(store, population, &random)
            let outgoing = folder == "sent" || folder == "drafts"
            let subject = SampleText.phrase(&random, words: Int.random(in: 2...6, using: &random), hostile: population.hostile)
            let messageCount = folder == "drafts" ? 1 : Int.random(in: 1...4, using: &random)
            let first = population.time(&random)
            let threadID = store.nextID("mailThreads")
            var time = first
            var snippet = ""
            for number in 0..<messageCount {
                let sent = outgoing ? number % 2 == 0 : number % 2 == 1
                let (sender, recipient) = sent ? (me, other) : (other, me)
                let body = (0..<Int.random(in: 1...6, using: &random)).map { _ in
                    SampleText.phrase(&random, words: Int.random(in: 4...12, using: &random), hostile: population.hostile)
                }.joined(separator: "\n\n")
                snippet = String(body.prefix(80))
                let messageID = store.nextID("mailMessages")
                store.save(
                    "mailMessages",
                    MailRows.message(
                        id: messageID, threadID: threadID, userID: owner, subject: (number == 0 ? "" : "Re: ") + subject,
                        snippet: snippet, from: [MailRows.messageParty(sender, partyID: messageID * 10 + 1)],
                        to: [MailRows.messageParty(recipient, partyID: messageID * 10 + 2)], cc: [], time: time,
                        read: folder != "inbox" || random.chance(0.6), sent: sent, draft: folder == "drafts", attachments: random.chance(0.2)))
                store.blobs[MailRows.bodyKey(messageID)] = Array(body.utf8)
                if number < messageCount - 1 { time = min(population.now, time + Int.random(in: 600...5 * 86_400, using: &random)) }
            }
            let (from, to) = outgoing ? (me, other) : (other, me)
            store.save(
                "mailThreads",
                MailRows.thread(
                    id: threadID, userID: owner, subject: subject, snippet: snippet, folder: folder,
                    from: [MailRows.threadParty(from, partyID: threadID * 10 + 1, time: first, latestSent: outgoing)],
                    to: [MailRows.threadParty(to, partyID: threadID * 10 + 2, time: time, latestSent: false)],
                    messageCount: messageCount, first: first, last: time, read: folder != "inbox" || random.chance(0.6),
                    dealID: population.maybe(population.deals, 0.4, &random), attachments: random.chance(0.2)))
        }
    }

    /// A person of the account (linked, with one of the organizations) or an outside address.
    static func party(_ store: Store, _ population: Population, _ random: inout SeededRandom) -> MailRows.Party {
        if let person = population.maybe(population.persons, 0.8, &random) {
            let name = store.label("persons", person) ?? ""
            let email = store["persons"][person]?["emails"]?[0]?["value"]?.stringValue ?? SampleText.email(name, person, &random)
            return MailRows.Party(
                name: name, email: email, personID: person,
                organizationID: population.maybe(population.organizations, 0.5, &random))
        }
        let name = SampleText.personName(&random, hostile: population.hostile)
        return MailRows.Party(name: name, email: SampleText.email(name, Int.random(in: 1...9_999, using: &random), &random))
    }
}
