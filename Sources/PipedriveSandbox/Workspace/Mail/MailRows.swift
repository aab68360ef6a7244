import JSONValue

/// Mail threads and messages in their v1 shapes. Mail times are ISO strings (`…T…:…:….000Z`), unlike the
/// rest of v1. A message's body lives in `store.blobs["mailMessages/<id>"]`.
enum MailRows {
    static let folders = ["inbox", "drafts", "sent", "archive"]

    /// A correspondent: a person of the account (linked) or an outside address.
    struct Party {
        var name: String
        var email: String
        var personID: Int?
        var organizationID: Int?
    }

    static func bodyKey(_ id: Int) -> String { "mailMessages/\(id)" }

    static func threadParty(_ party: Party, partyID: Int, time: Int, latestSent: Bool) -> JSON {
        linkingPerson(party, [
            "id": .int(partyID), "name": .string(party.name), "latest_sent": .bool(latestSent),
            "email_address": .string(party.email), "message_time": .int(time * 1000),
            "linked_person_name": .string(party.personID == nil ? "" : party.name),
            "mail_message_party_id": .int(partyID), "linked_organization_id": party.organizationID.map(JSON.int) ?? nil,
        ])
    }

    static func messageParty(_ party: Party, partyID: Int) -> JSON {
        linkingPerson(party, [
            "id": .int(partyID), "email_address": .string(party.email), "name": .string(party.name),
            "linked_person_name": .string(party.personID == nil ? "" : party.name), "mail_message_party_id": .int(partyID),
        ])
    }

    /// An outside address has no `linked_person_id` (the spec's is a non-nullable integer).
    private static func linkingPerson(_ party: Party, _ object: JSON) -> JSON {
        var object = object
        if let person = party.personID { object["linked_person_id"] = .int(person) }
        return object
    }

    /// A thread in `folder`, summarising its messages' times.
    static func thread(
        id: Int, userID: Int, subject: String, snippet: String, folder: String, from: [JSON], to: [JSON], messageCount: Int,
        first: Int, last: Int, read: Bool, dealID: Int?, attachments: Bool
    ) -> JSON {
        let sent = folder == "sent"
        return [
            "id": .int(id), "account_id": .string("sandbox-account-\(userID)"), "user_id": .int(userID),
            "subject": .string(subject), "snippet": .string(snippet), "read_flag": .int(read ? 1 : 0),
            "mail_tracking_status": sent ? "opened" : nil, "has_attachments_flag": .int(attachments ? 1 : 0),
            "has_inline_attachments_flag": 0, "has_real_attachments_flag": .int(attachments ? 1 : 0), "deleted_flag": 0,
            "synced_flag": 1, "smart_bcc_flag": 0, "mail_link_tracking_enabled_flag": 0,
            "parties": ["to": .array(to), "from": .array(from)], "drafts_parties": [], "folders": [.string(folder)],
            "version": .int(messageCount + 1), "snippet_draft": folder == "drafts" ? .string(snippet) : nil,
            "snippet_sent": .string(sent ? snippet : ""), "message_count": .int(messageCount),
            "has_draft_flag": .int(folder == "drafts" ? 1 : 0), "has_sent_flag": .int(sent ? 1 : 0),
            "archived_flag": .int(folder == "archive" ? 1 : 0), "shared_flag": 0, "external_deleted_flag": 0,
            "first_message_to_me_flag": .int(sent || folder == "drafts" ? 0 : 1),
            "last_message_timestamp": .string(Timestamp.iso(last)), "first_message_timestamp": .string(Timestamp.iso(first)),
            "last_message_sent_timestamp": sent ? .string(Timestamp.iso(last)) : nil,
            "last_message_received_timestamp": .string(Timestamp.iso(sent ? first : last)),
            "add_time": .string(Timestamp.iso(first)), "update_time": .string(Timestamp.iso(last)),
            "deal_id": dealID.map(JSON.int) ?? nil, "deal_status": dealID == nil ? nil : "open", "lead_id": nil,
            "all_messages_sent_flag": .int(sent ? 1 : 0),
        ]
    }

    static func message(
        id: Int, threadID: Int, userID: Int, subject: String, snippet: String, from: [JSON], to: [JSON], cc: [JSON],
        time: Int, read: Bool, sent: Bool, draft: Bool, attachments: Bool
    ) -> JSON {
        var message: JSON = [
            "id": .int(id), "from": .array(from), "to": .array(to), "cc": .array(cc), "bcc": [],
            "body_url": .string("https://\(Company.domain).pipedrive.com/api/v1/mailbox/mailMessages/\(id)?include_body=1"),
            "nylas_id": .string("sandbox\(id)"), "account_id": .string("sandbox-account-\(userID)"), "user_id": .int(userID),
            "mail_thread_id": .int(threadID), "subject": .string(subject), "snippet": .string(snippet),
            "mail_link_tracking_enabled_flag": 0, "read_flag": .int(read ? 1 : 0),
            "draft": .string(draft ? snippet : ""), "s3_bucket": "sandbox-mail", "s3_bucket_path": .string("mail/\(id)/body"),
            "draft_flag": .int(draft ? 1 : 0), "synced_flag": 1, "deleted_flag": 0, "external_deleted_flag": false,
            "has_body_flag": 1, "sent_flag": .int(sent ? 1 : 0), "sent_from_pipedrive_flag": .int(sent ? 1 : 0),
            "smart_bcc_flag": 0, "message_time": .string(Timestamp.iso(time)), "add_time": .string(Timestamp.iso(time)),
            "update_time": .string(Timestamp.iso(time)), "has_attachments_flag": .int(attachments ? 1 : 0),
            "has_inline_attachments_flag": 0, "has_real_attachments_flag": .int(attachments ? 1 : 0),
            "mua_message_id": .string("sandbox-\(id)@mail.\(Company.domain).test"),
            "item_type": "mailMessage", "timestamp": .string(Timestamp.iso(time)), "company_id": .int(Company.id),
        ]
        // Tracking applies to sent mail only; the spec's enum has no null.
        if sent { message["mail_tracking_status"] = .string(read ? "opened" : "not opened") }
        return message
    }
}
