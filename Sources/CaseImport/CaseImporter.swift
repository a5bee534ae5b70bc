import CaseModel
import Foundation

/// Reads one or more exports (XML files or CSV folders) into one checked model.
public enum CaseImporter {
    /// Reads every path (a directory is a CSV folder, an `.xlsx` file a workbook in the CSV
    /// form, anything else an XML file; with a mapping, each is a region's own reports), merges them and runs the cross-reference checks.
    /// - Throws: `ImportFailure` listing every fatal problem found.
    public static func load(paths: [String], options: ImportOptions = ImportOptions()) throws -> CaseExport {
        let builder = ExportBuilder(options: options)
        for path in paths {
            var isDirectory: ObjCBool = false
            let name = (path as NSString).lastPathComponent
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                builder.fatal(source: name, line: nil, field: nil,
                              message: "no such file or folder; give the path of an XML export or a folder of CSV tables")
                continue
            }
            if options.mapping != nil || MappedExportReader.isWorkbook(path) && !isDirectory.boolValue {
                MappedExportReader.read(path: path, mapping: options.mapping, into: builder)
            } else if isDirectory.boolValue {
                CSVExportReader.read(folder: path, into: builder)
            } else {
                XMLExportReader.read(path: path, into: builder)
            }
        }
        return try builder.finish()
    }
}
