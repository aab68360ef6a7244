import Testing

@testable import JSONValue

/// The parser against a conformance corpus in the categories of JSONTestSuite (y_ must parse, n_ must be
/// refused, i_ may go either way but must not crash), written here from RFC 8259 (no packaged copy of
/// JSONTestSuite was available to vendor), then random mutations of the accepted texts: no crash, no hang,
/// and every refusal a sentence.
@Suite struct JSONConformanceTests {
    static let accepted: [(String, String)] = [
        ("y_array_empty", "[]"), ("y_array_empty-string", "[\"\"]"), ("y_array_arraysWithSpaces", "[[]   ]"),
        ("y_array_false", "[false]"), ("y_array_heterogeneous", "[null, 1, \"1\", {}]"), ("y_array_null", "[null]"),
        ("y_array_with_1_and_newline", "[1\n]"), ("y_array_with_leading_space", " [1]"), ("y_array_with_several_null", "[1,null,null,null,2]"),
        ("y_array_with_trailing_space", "[2] "), ("y_number", "[123e65]"), ("y_number_0e+1", "[0e+1]"), ("y_number_0e1", "[0e1]"),
        ("y_number_after_space", "[ 4]"), ("y_number_double_close_to_zero", "[-0.000000000000000000000000000000000000000000000000000000000000000000000000000001]"),
        ("y_number_int_with_exp", "[20e1]"), ("y_number_minus_zero", "[-0]"), ("y_number_negative_int", "[-123]"),
        ("y_number_negative_one", "[-1]"), ("y_number_real_capital_e", "[1E22]"), ("y_number_real_capital_e_neg_exp", "[1E-2]"),
        ("y_number_real_capital_e_pos_exp", "[1E+2]"), ("y_number_real_exponent", "[123e45]"), ("y_number_real_fraction_exponent", "[123.456e78]"),
        ("y_number_real_neg_exp", "[1e-2]"), ("y_number_real_pos_exponent", "[1e+2]"), ("y_number_simple_int", "[123]"),
        ("y_number_simple_real", "[123.456789]"), ("y_object", "{\"asd\":\"sdf\", \"dfg\":\"fgh\"}"), ("y_object_basic", "{\"asd\":\"sdf\"}"),
        ("y_object_duplicated_key", "{\"a\":\"b\",\"a\":\"c\"}"), ("y_object_empty", "{}"), ("y_object_empty_key", "{\"\":0}"),
        ("y_object_escaped_null_in_key", "{\"foo\\u0000bar\": 42}"), ("y_object_extreme_numbers", "{ \"min\": -1.0e+28, \"max\": 1.0e+28 }"),
        ("y_object_long_strings", "{\"x\":[{\"id\": \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}], \"id\": \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}"),
        ("y_object_simple", "{\"a\":[]}"), ("y_object_string_unicode", "{\"title\":\"\\u041f\\u043e\\u043b\\u0442\\u043e\\u0440\\u0430 \"}"),
        ("y_object_with_newlines", "{\n\"a\": \"b\"\n}"), ("y_string_1_2_3_bytes_UTF-8_sequences", "[\"\\u0060\\u012a\\u12AB\"]"),
        ("y_string_accepted_surrogate_pair", "[\"\\uD801\\udc37\"]"), ("y_string_allowed_escapes", "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]"),
        ("y_string_backslash_and_u_escaped_zero", "[\"\\\\u0000\"]"), ("y_string_comments", "[\"a/*b*/c/*d//e\"]"),
        ("y_string_escaped_control_character", "[\"\\u0012\"]"), ("y_string_in_array", "[\"asd\"]"), ("y_string_nonCharacterInUTF-8_U+FFFF", "[\"\u{FFFF}\"]"),
        ("y_string_pi", "[\"π\"]"), ("y_string_space", "\" \""), ("y_string_utf8", "[\"€𝄞\"]"), ("y_string_with_del_character", "[\"a\u{7F}a\"]"),
        ("y_structure_lonely_false", "false"), ("y_structure_lonely_int", "42"), ("y_structure_lonely_negative_real", "-0.1"),
        ("y_structure_lonely_null", "null"), ("y_structure_lonely_string", "\"asd\""), ("y_structure_lonely_true", "true"),
        ("y_structure_string_empty", "\"\""), ("y_structure_trailing_newline", "[\"a\"]\n"), ("y_structure_true_in_array", "[true]"),
        ("y_structure_whitespace_array", " [] "), ("y_money_exact", "{\"value\": 123456789012345678.99}"),
    ]

    static let refused: [(String, String)] = [
        ("n_array_1_true_without_comma", "[1 true]"), ("n_array_colon_instead_of_comma", "[\"\": 1]"), ("n_array_comma_after_close", "[\"\"],"),
        ("n_array_comma_and_number", "[,1]"), ("n_array_double_comma", "[1,,2]"), ("n_array_extra_close", "[\"x\"]]"),
        ("n_array_extra_comma", "[\"\",]"), ("n_array_incomplete", "[\"x\""), ("n_array_incomplete_invalid_value", "[x"),
        ("n_array_inner_array_no_comma", "[3[4]]"), ("n_array_items_separated_by_semicolon", "[1:2]"), ("n_array_just_comma", "[,]"),
        ("n_array_just_minus", "[-]"), ("n_array_missing_value", "[   , \"\"]"), ("n_array_number_and_comma", "[1,]"),
        ("n_array_star_inside", "[*]"), ("n_array_unclosed", "[\"\""), ("n_array_unclosed_trailing_comma", "[1,"),
        ("n_incomplete_false", "[fals]"), ("n_incomplete_null", "[nul]"), ("n_incomplete_true", "[tru]"),
        ("n_number_++", "[++1234]"), ("n_number_+1", "[+1]"), ("n_number_-01", "[-01]"), ("n_number_-1.0.", "[-1.0.]"),
        ("n_number_.-1", "[.-1]"), ("n_number_.2e-3", "[.2e-3]"), ("n_number_0.e1", "[0.e1]"), ("n_number_0_capital_E", "[0E]"),
        ("n_number_1.0e", "[1.0e]"), ("n_number_1.0e+", "[1.0e+]"), ("n_number_2.e3", "[2.e3]"), ("n_number_9.e+", "[9.e+]"),
        ("n_number_Inf", "[Inf]"), ("n_number_NaN", "[NaN]"), ("n_number_hex", "[0x1]"), ("n_number_leading_zero", "[012]"),
        ("n_number_minus_space_1", "[- 1]"), ("n_number_neg_int_starting_with_zero", "[-012]"), ("n_number_real_without_fractional_part", "[1.]"),
        ("n_object_bad_value", "[\"a\", truth]"), ("n_object_comma_instead_of_colon", "{\"x\", null}"), ("n_object_double_colon", "{\"x\"::\"b\"}"),
        ("n_object_missing_colon", "{\"a\" b}"), ("n_object_missing_key", "{:\"b\"}"), ("n_object_missing_value", "{\"a\":"),
        ("n_object_no-colon", "{\"a\""), ("n_object_non_string_key", "{1:1}"), ("n_object_single_quote", "{'a':0}"),
        ("n_object_trailing_comma", "{\"id\":0,}"), ("n_object_unquoted_key", "{a: \"b\"}"), ("n_object_with_trailing_garbage", "{\"a\":\"b\"}#"),
        ("n_single_space", " "), ("n_string_1_surrogate_then_escape_u", "[\"\\uD800\\u\"]"), ("n_string_escape_x", "[\"\\x00\"]"),
        ("n_string_escaped_emoji", "[\"\\🌀\"]"), ("n_string_incomplete_escape", "[\"\\\"]"), ("n_string_invalid_unicode_escape", "[\"\\uqqqq\"]"),
        ("n_string_no_quotes_with_bad_escape", "[\\n]"), ("n_string_single_quote", "['single quote']"), ("n_string_unescaped_newline", "[\"new\nline\"]"),
        ("n_string_unescaped_tab", "[\"\t\"]"), ("n_string_unescaped_ctrl_char", "[\"a\u{0}a\"]"), ("n_structure_angle_bracket_null", "[<null>]"),
        ("n_structure_array_with_unclosed_string", "[\"asd]"), ("n_structure_capitalized_True", "[True]"), ("n_structure_close_unopened_array", "1]"),
        ("n_structure_double_array", "[][]"), ("n_structure_end_array", "]"), ("n_structure_no_data", ""), ("n_structure_object_unclosed_no_value", "{\"\":"),
        ("n_structure_open_array_object", String(repeating: "[{\"\":", count: 5000)), ("n_structure_unclosed_array", "[1"),
        ("n_structure_unclosed_object", "{\"asd\":\"asd\""), ("n_structure_whitespace_formfeed", "[\u{0C}]"),
        ("n_structure_100000_opening_arrays", String(repeating: "[", count: 100_000)),
    ]

    /// May be accepted or refused (numbers beyond a double, lone surrogates, deep nesting): only no crash.
    static let either: [(String, String)] = [
        ("i_number_double_huge_neg_exp", "[123.456e-789]"), ("i_number_huge_exp", "[0.4e00669999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999969999999006]"),
        ("i_number_neg_int_huge_exp", "[-1e+9999]"), ("i_number_pos_double_huge_exp", "[1.5e+9999]"), ("i_number_too_big_neg_int", "[-123123123123123123123123123123]"),
        ("i_number_very_big_negative_int", "[-237462374673276894279832749832423479823246327846]"), ("i_string_1st_surrogate_but_2nd_missing", "[\"\\uDADA\"]"),
        ("i_string_incomplete_surrogate_and_escape_valid", "[\"\\uD800\\n\"]"), ("i_string_inverted_surrogates_U+1D11E", "[\"\\uDd1e\\uD834\"]"),
        ("i_string_lone_second_surrogate", "[\"\\uDFAA\"]"), ("i_structure_500_nested_arrays", String(repeating: "[", count: 500) + String(repeating: "]", count: 500)),
        ("i_structure_UTF-8_BOM_empty_object", "\u{FEFF}{}"),
    ]

    @Test func acceptedTextsParseAndRoundTrip() throws {
        for (name, text) in Self.accepted {
            let value = try #require(try? JSON(parsing: text), "\(name) refused")
            #expect(try JSON(parsing: value.serialized()) == value, "\(name) does not round-trip")
        }
    }

    @Test func refusedTextsGetASentence() {
        for (name, text) in Self.refused {
            do {
                _ = try JSON(parsing: text)
                Issue.record("\(name) accepted")
            } catch {
                #expect(!error.description.isEmpty, "\(name): no sentence")
            }
        }
    }

    @Test func indeterminateTextsDoNotCrash() {
        for (_, text) in Self.either { _ = try? JSON(parsing: text) }
    }

    /// Invalid UTF-8 inside strings: refused or replaced, never a crash.
    @Test func invalidUTF8DoesNotCrash() {
        for bytes: [UInt8] in [[0x5B, 0x22, 0xFF, 0x22, 0x5D], [0x5B, 0x22, 0xC0, 0xAF, 0x22, 0x5D], [0x5B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x5D], [0x5B, 0x22, 0xE0, 0xFF, 0x22, 0x5D]] {
            _ = try? JSON(parsing: bytes)
        }
    }

    /// 20,000 seeded random mutations of the accepted texts.
    @Test func randomMutationsNeverCrash() {
        var refused = 0
        for bytes in Self.mutations(seed: 0x9c50455b) {
            do { _ = try JSON(parsing: bytes) } catch {
                refused += 1
                if error.description.isEmpty { Issue.record("a refusal without a sentence") }
            }
        }
        #expect(refused > 1000, "the mutations should break most texts")
    }

    /// `count` seeded random mutations (flip, insert, delete, truncate, splice) of the accepted texts, with
    /// bytes that break UTF-8 among those inserted.
    static func mutations(seed: UInt64, count: Int = 20_000) -> [[UInt8]] {
        var random = SeededRandom(seed: seed)
        let seeds = accepted.map { Array($0.1.utf8) }
        let alphabet = Array("{}[]\",:.-+eE0123456789tfnul\\ \n".utf8) + [0x00, 0x1B, 0xFF, 0xC3, 0xA9, 0xED]
        return (0..<count).map { _ in
            var bytes = seeds[Int(random.next() % UInt64(seeds.count))]
            for _ in 0..<(1 + Int(random.next() % 4)) {
                let at = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count))
                switch random.next() % 5 {
                case 0 where !bytes.isEmpty: bytes[at] ^= UInt8(1 << (random.next() % 8))
                case 1: bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: at)
                case 2 where !bytes.isEmpty: bytes.remove(at: at)
                case 3: bytes = Array(bytes.prefix(at))
                default: bytes += bytes.prefix(at)
                }
            }
            return bytes
        }
    }
}

/// SplitMix64: a small seeded generator, so a failing mutation can be replayed.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
