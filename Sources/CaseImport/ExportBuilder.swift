import CaseModel
import Foundation

/// Collects the records that the XML and CSV readers produce, types every
/// value, and at the end merges the exports and runs the cross-reference
/// checks (`Linker`). Readers only split syntax; every rule about values lives
/// here, so both syntaxes give the identical model.
///
/// Fatal problems (syntax, types, required values, duplicates, identity codes,
/// unknown names in strict mode) are collected, not thrown, so that one run
/// lists all of them; `finish()` throws them together.
public final class ExportBuilder {
    public let options: ImportOptions
    /// At most this many problems are kept; the rest are only counted.
    public static let problemLimit = 1000

    private(set) var problems: [ImportProblem] = []
    private var problemOverflow = 0
    private var warnings: [ImportWarning] = []
    private(set) var exports: [ExportDraft] = []
    private var source = ""
    private var syntax: Syntax = .xml

    public init(options: ImportOptions) { self.options = options }

    /// True once any fatal problem was recorded.
    public var hasFatal: Bool { !problems.isEmpty }

    /// The name locations are given in (the file's base name, or `<folder>/<table>.csv`).
    public var currentSource: String { source }

    /// Starts one export (an XML file or a CSV folder).
    public func beginExport(source: String, syntax: Syntax) {
        self.source = source
        self.syntax = syntax
        exports.append(ExportDraft(name: source, syntax: syntax))
    }

    /// Switches the location name while reading one CSV folder, table by table.
    public func setSource(_ source: String) { self.source = source }

    /// Ends the export begun last: CSV child rows are attached to their parents.
    public func endExport() {
        guard var draft = exports.popLast() else { return }
        draft.attachKeyedChildren(builder: self)
        // A reader that already reported why the file holds no header (empty,
        // not XML, a DOCTYPE) needs no second message saying so.
        if draft.header == nil && !draft.sawHeader && !problems.contains(where: { $0.source == draft.name }) {
            fatal(source: draft.name, line: nil, field: nil,
                  message: draft.syntax == .xml
                      ? "no caseExport root element was read"
                      : "export.csv has no data row; it must hold the organisation, generated, periodStart and periodEnd")
        }
        exports.append(draft)
    }

    /// How many runs of cases the linker works on at once; nil: its own choice.
    var linkParts: Int?
    /// How many parts an XML file is read in at most, and on how many threads a
    /// CSV folder's tables are read; nil: the reader's own choice.
    var readParts: Int?
    /// The size of the parts a large CSV child table is cut into; nil: the reader's own choice.
    var csvPartBytes: Int?

    /// Every fatal problem recorded, listed or not.
    var problemCount: Int { problems.count + problemOverflow }
    /// The fields of the last few fatal problems, listed or not (so that a
    /// reader can drop a second report of the same field past the limit too).
    var recentFields: [String] = []

    /// Records a fatal problem.
    public func fatal(source: String? = nil, line: Int?, field: String?, message: String) {
        if let field {
            if recentFields.count >= 32 { recentFields.removeFirst(16) }
            recentFields.append(field)
        }
        if problems.count >= Self.problemLimit {
            problemOverflow += 1
            return
        }
        problems.append(problem(source: source, line: line, field: field, message: message))
    }

    private func problem(source: String?, line: Int?, field: String?, message: String) -> ImportProblem {
        if source == nil, let sheet {
            return ImportProblem(source: IdentityCode.redacted(sheet.file), line: line, field: field.map(IdentityCode.redacted),
                                 message: IdentityCode.redacted(message), cell: IdentityCode.redacted(sheet.cell(field: field, row: line)))
        }
        return ImportProblem(source: IdentityCode.redacted(source ?? self.source), line: line,
                             field: field.map(IdentityCode.redacted), message: IdentityCode.redacted(message))
    }

    /// While a workbook's sheet is read: where its problems are (mapping.md, "Locations and privacy").
    var sheet: SheetLocation?

    /// Drops everything recorded so far and starts the export again under the
    /// same name: a later part of an XML file has read its prefix, whose
    /// problems and header are the first part's to report.
    func restartPart() {
        problems = []
        problemOverflow = 0
        warnings = []
        recentFields = []
        exports = [ExportDraft(name: source, syntax: syntax)]
    }

    /// Adds what the builders of an XML file's parts read, in file order, to
    /// the export begun last (still empty), as if one builder had read them all: problems
    /// (the list limit still holds), warnings and records. False, with nothing
    /// added, when a key (region code, worker, post or case id) stands in two
    /// parts: only a reading in one part reports that duplicate where it stands.
    func absorb(_ parts: [ExportBuilder]) -> Bool {
        guard !exports.isEmpty, !parts.isEmpty, parts.allSatisfy({ $0.exports.count == 1 }) else { return false }
        // The parts' drafts are moved, not copied (the parts are not used again): the first
        // takes the place of the export's, which holds nothing yet; the others are appended to it.
        var merged = parts[0].exports.removeLast()
        for part in parts.dropFirst() {
            guard merged.append(part.exports.removeLast()) else { return false }
        }
        exports[exports.count - 1] = merged
        takeProblems(of: parts)
        return true
    }

    /// Adds what the builders of a CSV folder's known tables read, one builder
    /// per table in the format's table order, to the export begun last, as if
    /// this builder had read the tables one after the other.
    func absorbTables(_ tables: [ExportBuilder]) {
        guard !exports.isEmpty else { return }
        for table in tables where !table.exports.isEmpty {
            exports[exports.count - 1].appendTable(table.exports.removeLast())
        }
        takeProblems(of: tables)
    }

    /// Appends other builders' problems and warnings, in order; the list limit holds across them.
    private func takeProblems(of parts: [ExportBuilder]) {
        for part in parts {
            for p in part.problems {
                if problems.count >= Self.problemLimit {
                    problemOverflow += 1
                } else {
                    problems.append(p)
                }
            }
            problemOverflow += part.problemOverflow
            warnings += part.warnings
        }
    }

    public func warning(line: Int, message: String) {
        warnings.append(ImportWarning(location: SourceLocation(source: IdentityCode.redacted(source), line: line),
                                      message: IdentityCode.redacted(message)))
    }

    /// An element, attribute, column or table the format does not define:
    /// fatal in strict mode, a warning with `--lenient`. Its value, if any, is
    /// still checked for identity codes, so nothing can be smuggled through.
    /// - Parameters:
    ///   - what: "element", "attribute", "column" or "table".
    ///   - field: where, e.g. `case/@colour` or `cases.csv/colour`.
    public func unknownName(_ what: String, field: String, line: Int?, value: String? = nil) {
        if let value { _ = screenIdentityCode(value, line: line, field: field) }
        let message = "unknown \(what) (not in the case export format, version 1)"
        if options.lenient {
            warning(line: line ?? 0, message: "\(field): \(message); ignored")
        } else {
            fatal(line: line, field: field,
                  message: message + "; remove it, or run with --lenient to ignore unknown names")
        }
    }

    /// Text content where the format has none (XML character data): fatal in
    /// strict mode, ignored with a warning in lenient mode; always screened for
    /// identity codes.
    public func freeText(_ value: String, line: Int, element: String) {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return }
        _ = screenIdentityCode(trimmed, line: line, field: element)
        if options.lenient {
            warning(line: line, message: "\(element): text content ignored")
        } else {
            fatal(line: line, field: element,
                  message: "text content is not allowed here; remove it, or run with --lenient to ignore it")
        }
    }

    /// Checks a value for a valid henkilötunnus. Returns the value to use: the
    /// value itself, or its pseudonym when a key was given; nil after a fatal
    /// problem (the value is never put in the message).
    func screenIdentityCode(_ value: String, line: Int?, field: String) -> String? {
        guard IdentityCode.isValid(value) else { return value }
        if let key = options.pseudonymiseKey {
            return IdentityCode.pseudonym(for: value, key: key)
        }
        fatal(line: line, field: field,
              message: "holds a personal identity code (henkilötunnus), which must never pass through the tool; "
                  + "remove it from the export, or run with --pseudonymise-key FILE to replace such values with a keyed hash")
        return nil
    }

    /// Room for about `rows` more records of `kind` in the export begun last.
    func reserve(_ rows: Int, of kind: RecordKind) {
        guard !exports.isEmpty else { return }
        exports[exports.count - 1].reserve(rows, of: kind)
    }

    /// Takes one record as read. Returns a handle for the record's children
    /// (`ParentRef.handle`) when it is a case or a post; otherwise -1.
    @discardableResult
    public func accept(_ raw: consuming RawRecord) -> Int {
        accept(raw, csv: nil)
    }

    /// `csv`: the row's cells, typed in place of `raw.values` (a CSV table's reader passes them).
    func accept(_ raw: consuming RawRecord, csv: CSVScanner.Fields?) -> Int {
        guard !exports.isEmpty else { return -1 }
        let location = SourceLocation(source: source, line: raw.line)
        // The record moves into its reader, which the draft reads it from: no copy of its values.
        var fields = FieldReader(raw: raw, syntax: syntax, builder: self, csv: csv)
        return exports[exports.count - 1].add(fields: &fields, location: location, builder: self)
    }

    /// Merges the exports and runs the cross-reference checks.
    /// - Throws: `ImportFailure` when any fatal problem was found.
    public func finish() throws -> CaseExport {
        if problems.isEmpty {
            // The drafts are handed over, not shared, so that the linker can change the cases where they stand.
            let drafts = exports
            exports = []
            let merged = Merger(builder: self).merge(drafts)
            if let merged, problems.isEmpty {
                trace("merged")
                var result = Linker.link(merged, parts: linkParts)
                trace("linked")
                result.warnings = warnings
                return result
            }
        }
        var all = problems
        if problemOverflow > 0 {
            all.append(ImportProblem(source: "…", line: nil, field: nil,
                                     message: "and \(problemOverflow) more problems not listed; mend the ones above and run again"))
        }
        throw ImportFailure(problems: all)
    }
}
