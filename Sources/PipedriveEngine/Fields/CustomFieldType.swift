/// Pipedrive's `field_type`s, and what the seed's `Pipedrive.getFieldTemplate` and
/// `Pipedrive.getDataType` make of each (docs/field-types.md).
public enum CustomFieldType: String, Sendable, CaseIterable {
    case boolean, double, int, json, date, daterange, time, timerange, text, varchar
    case varcharAuto = "varchar_auto"
    case varcharOptions = "varchar_options"
    case address
    case enumeration = "enum"
    case monetary, phone, set, activity, deal, lead, org, people, pipeline, product, project, stage, user
    case billingFrequency = "billing_frequency"
    case picture
    case priceList = "price_list"
    case projectsBoard = "projects_board"
    case projectsPhase = "projects_phase"
    case status
    case visibleTo = "visible_to"

    /// `Pipedrive.getFieldTemplate(field_type)`: nil where the data type alone says it.
    public var template: Template? {
        switch self {
        case .boolean, .double, .int, .monetary, .activity, .deal, .pipeline, .product, .project, .stage,
            .projectsBoard, .projectsPhase:
            nil
        case .json, .text, .priceList: .longText
        case .date, .daterange: .dateTime
        case .user: .user
        case .people: .personRef
        case .org: .organizationRef
        case .time, .timerange, .varchar, .varcharAuto, .varcharOptions, .address, .enumeration, .phone, .set,
            .lead, .billingFrequency, .picture, .status, .visibleTo:
            .shortText
        }
    }

    /// `Pipedrive.getDataType(field_type)`; text is 255 long as the seed's `[External]` says, long text
    /// takes LongText's 1000.
    public var dataType: DataType {
        switch self {
        case .boolean: .bool
        case .double, .monetary: .r8
        case .int, .activity, .deal, .pipeline, .product, .project, .stage, .projectsBoard, .projectsPhase,
            .user, .people, .org, .picture:
            .i4
        case .date, .daterange: .dbTimestamp
        case .json, .text, .priceList: .wstr(length: 1000)
        case .time, .timerange, .varchar, .varcharAuto, .varcharOptions, .address, .enumeration, .phone, .set,
            .lead, .billingFrequency, .status, .visibleTo:
            .wstr(length: 255)
        }
    }

    public var kind: ValueKind {
        switch self {
        case .boolean: .boolean
        case .double: .decimal
        case .int: .integer
        case .json: .json
        case .date: .date
        case .daterange: .dateRange
        case .time: .time
        case .timerange: .timeRange
        case .text: .longText
        case .varchar, .varcharAuto, .varcharOptions, .billingFrequency, .status: .text
        case .address: .address
        case .enumeration: .option
        case .monetary: .money
        case .phone: .phone
        case .set: .options
        case .activity: .reference("activities")
        case .deal: .reference("deals")
        case .lead: .reference("leads")
        case .org: .organization
        case .people: .person
        case .pipeline: .reference("pipelines")
        case .product: .reference("products")
        case .project: .reference("projects")
        case .stage: .reference("stages")
        case .user: .user
        case .picture: .object
        case .priceList: .list
        case .projectsBoard: .reference("boards")
        case .projectsPhase: .reference("phases")
        case .visibleTo: .visibility
        }
    }

    /// The most characters a text value may have when written.
    var maxLength: Int? {
        switch self {
        case .varchar, .varcharAuto, .varcharOptions, .phone, .address: 255
        case .text: 65_535
        default: nil
        }
    }
}
