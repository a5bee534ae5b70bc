import CaseModel
import Foundation

/// Reads a folder of CSV tables into an `ExportBuilder`. (Being built.)
public enum CSVExportReader {
    public static func read(folder: String, into builder: ExportBuilder) {
        let name = (folder as NSString).lastPathComponent
        builder.beginExport(source: name, syntax: .csv)
        builder.fatal(source: name, line: nil, field: nil, message: "CSV import is being built")
        builder.endExport()
    }
}
