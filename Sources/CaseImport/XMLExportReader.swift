import CLibXML2
import CaseModel
import Foundation

/// Streams an XML export through libxml2 into an `ExportBuilder`. (Being built.)
public enum XMLExportReader {
    public static func read(path: String, into builder: ExportBuilder) {
        let source = (path as NSString).lastPathComponent
        builder.beginExport(source: source, syntax: .xml)
        builder.fatal(source: source, line: nil, field: nil, message: "XML import is being built")
        builder.endExport()
    }
}
