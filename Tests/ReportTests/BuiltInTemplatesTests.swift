import Foundation
import Testing

@testable import Report
@testable import Rules

/// The templates compiled into the binary (`BuiltInTemplates`, written by
/// scripts/embed-templates.sh), which commands use unless `--templates` or
/// `VALVONTA_TEMPLATES` names a folder, and `templates export`.
@Suite struct BuiltInTemplatesTests {
    /// Every file below templates/ by its path there (hidden files left out, as the script does).
    static func repositoryFiles() throws -> [String: String] {
        var files: [String: String] = [:]
        let root = ReportFixture.templates
        let e = try #require(FileManager.default.enumerator(atPath: root))
        while let path = e.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory)
            if isDirectory.boolValue || path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            files[path] = try String(contentsOfFile: root + "/" + path, encoding: .utf8)
        }
        return files
    }

    @Test func theBuiltInSetIsTheTemplatesFolder() throws {
        let folder = try Self.repositoryFiles()
        let builtIn = TemplateSet.builtInFiles
        let differing = Set(folder.keys).union(builtIn.keys).filter { folder[$0] != builtIn[$0] }.sorted()
        #expect(
            differing.isEmpty,
            "templates/ and the built-in templates differ (\(differing.prefix(5).joined(separator: ", "))): run scripts/embed-templates.sh and rebuild"
        )
        #expect(builtIn.count > 90 && builtIn["fi/labels.yaml"] != nil && builtIn["thl/html/page.mustache"] != nil)
    }

    static func render(
        _ set: TemplateSet, _ kind: ReportKind, _ language: ReportLanguage, _ format: ReportFormat
    ) throws -> String {
        let model = try ReportBuilder(
            evaluation: ReportFixture.evaluation(), previous: nil, metadata: ReportFixture.metadata(kind, language),
            rules: ReportFixture.rules, strings: try set.strings(for: language),
            options: ReportOptions(
                documentDate: ReportFixture.date("2024-06-03"), toolVersion: "VERSION", includeExceptions: true)
        ).build()
        return try set.render(model, kind: kind, language: language, format: format)
    }

    @Test func theBuiltInSetRendersAsTheFolderDoes() throws {
        let folder = try TemplateSet(directory: ReportFixture.templates)
        for kind in [ReportKind.aviResponse, .omavalvonta] {
            for language in ReportLanguage.allCases {
                for format in [ReportFormat.html, .markdown] {
                    let a = try Self.render(.builtIn, kind, language, format)
                    #expect(a == (try Self.render(folder, kind, language, format)), "\(kind) \(language) \(format)")
                    #expect(a.count > 5000)
                }
            }
        }
    }

    @Test func theTHLDocumentsUseTheBuiltInFolderThl() throws {
        let form = THLDocumentsTests.staffingRatio
        let builtIn = try THLDocuments(
            form: form, language: .sv, templates: .builtIn, documentDate: Ex.d("2026-04-15"), toolVersion: "V")
        let folder = try THLDocuments(
            form: form, language: .sv, templatesDirectory: ReportFixture.templates, documentDate: Ex.d("2026-04-15"),
            toolVersion: "V")
        #expect(try builtIn.html() == folder.html())
        #expect(try builtIn.screen() == folder.screen())
        #expect(builtIn.templates.directory == "<built-in templates>/thl")
    }

    @Test func theOptionWinsOverTheEnvironmentWhichWinsOverTheBuiltInSet() throws {
        let dir = ReportFixture.templates
        let other = FileManager.default.temporaryDirectory.appendingPathComponent("valvonta-t-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: other) }
        let env = ["VALVONTA_TEMPLATES": other]
        #expect(try TemplateLocator.templates(option: dir, environment: env).directory == dir)
        #expect(try TemplateLocator.templates(option: nil, environment: env).directory == other)
        #expect(try TemplateLocator.templates(option: nil, environment: [:]).directory == "<built-in templates>")
        #expect(try TemplateLocator.templates(option: nil, environment: ["VALVONTA_TEMPLATES": ""]).directory
            == "<built-in templates>")
        #expect(throws: ReportError.templatesNotFound(searched: [other + "/nowhere (from VALVONTA_TEMPLATES)"])) {
            try TemplateLocator.templates(option: nil, environment: ["VALVONTA_TEMPLATES": other + "/nowhere"])
        }
        #expect(throws: ReportError.templatesNotFound(searched: [other + "/nowhere"])) {
            try TemplateLocator.templates(option: other + "/nowhere", environment: [:])
        }
    }

    @Test func exportWritesTheSetAndRefusesAFolderWithSomethingInIt() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("valvonta-x-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let written = try TemplateExport.write(TemplateSet.builtInFiles, into: dir + "/new/set", replacing: false)
        #expect(written == TemplateSet.builtInFiles.count)
        let exported = try TemplateSet(directory: dir + "/new/set")
        #expect(try Self.render(exported, .aviResponse, .en, .html) == Self.render(.builtIn, .aviResponse, .en, .html))
        for (path, text) in TemplateSet.builtInFiles {
            #expect(try String(contentsOfFile: dir + "/new/set/" + path, encoding: .utf8) == text, "\(path)")
        }

        // An edited copy is not overwritten by a slip; --force replaces the set's files and keeps the rest.
        let labels = dir + "/new/set/fi/labels.yaml"
        try "edited".write(toFile: labels, atomically: true, encoding: .utf8)
        try "mine".write(toFile: dir + "/new/set/notes.txt", atomically: true, encoding: .utf8)
        #expect(throws: ReportError.exportFolderNotEmpty(path: dir + "/new/set")) {
            try TemplateExport.write(TemplateSet.builtInFiles, into: dir + "/new/set", replacing: false)
        }
        #expect(try String(contentsOfFile: labels, encoding: .utf8) == "edited")
        _ = try TemplateExport.write(TemplateSet.builtInFiles, into: dir + "/new/set", replacing: true)
        #expect(try String(contentsOfFile: labels, encoding: .utf8) == TemplateSet.builtInFiles["fi/labels.yaml"])
        #expect(try String(contentsOfFile: dir + "/new/set/notes.txt", encoding: .utf8) == "mine")

        // A file where the folder should be.
        try "x".write(toFile: dir + "/file", atomically: true, encoding: .utf8)
        #expect(throws: ReportError.self) {
            try TemplateExport.write(TemplateSet.builtInFiles, into: dir + "/file", replacing: true)
        }
    }
}
