// Generated from schemas/case-export-1.xsd; keep the two byte-identical
// (XMLSchemaTests checks it). Regenerate by pasting the file between the
// delimiters: the literal holds the file without its final newline.

/// The XSD of the case export format, version 1, built into the binary so that
/// validation needs no resource files at run time.
public enum CaseExportSchema {
    /// The schema's target namespace.
    public static let namespace = "urn:valvonta:case-export:1"

    /// The text of `schemas/case-export-1.xsd`.
    public static let xsd = text + "\n"

    private static let text = #"""
<?xml version="1.0" encoding="UTF-8"?>
<!--
  Case export format, version 1 (the spec: case-export.md).
  Element order is free everywhere (xs:choice maxOccurs="unbounded").
  Dates are exactly YYYY-MM-DD (no time zone); booleans true/false/1/0;
  empty attribute values are invalid. Cross-references (region, worker,
  referral ids; date order; dates after `generated`) are not schema rules:
  the importer rejects such records with a reason instead of failing.
-->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:ce="urn:valvonta:case-export:1"
           targetNamespace="urn:valvonta:case-export:1"
           elementFormDefault="qualified"
           attributeFormDefault="unqualified">

  <xs:element name="caseExport">
    <xs:complexType>
      <xs:choice minOccurs="0" maxOccurs="unbounded">
        <xs:element name="regions" type="ce:Regions"/>
        <xs:element name="staff" type="ce:Staff"/>
        <xs:element name="cases" type="ce:Cases"/>
      </xs:choice>
      <xs:attribute name="version" use="required" fixed="1" type="ce:Text"/>
      <xs:attribute name="organisation" use="required" type="ce:Text"/>
      <xs:attribute name="generated" use="required" type="ce:Timestamp"/>
      <xs:attribute name="periodStart" use="required" type="ce:Date"/>
      <xs:attribute name="periodEnd" use="required" type="ce:Date"/>
    </xs:complexType>
  </xs:element>

  <xs:complexType name="Regions">
    <xs:choice minOccurs="0" maxOccurs="unbounded">
      <xs:element name="region" type="ce:Region"/>
    </xs:choice>
  </xs:complexType>

  <xs:complexType name="Staff">
    <xs:choice minOccurs="0" maxOccurs="unbounded">
      <xs:element name="worker" type="ce:Worker"/>
      <xs:element name="post" type="ce:Post"/>
    </xs:choice>
  </xs:complexType>

  <xs:complexType name="Cases">
    <xs:choice minOccurs="0" maxOccurs="unbounded">
      <xs:element name="case" type="ce:Case"/>
    </xs:choice>
  </xs:complexType>

  <xs:complexType name="Region">
    <xs:attribute name="code" use="required" type="ce:Text"/>
    <xs:attribute name="name" use="required" type="ce:Text"/>
  </xs:complexType>

  <xs:complexType name="Worker">
    <xs:attribute name="id" use="required" type="ce:Text"/>
    <xs:attribute name="region" use="required" type="ce:Text"/>
    <xs:attribute name="service" type="ce:Service"/>
    <xs:attribute name="role" use="required" type="ce:Role"/>
    <xs:attribute name="start" type="ce:Date"/>
    <xs:attribute name="end" type="ce:Date"/>
  </xs:complexType>

  <!-- A post may lack id, region, service and role. -->
  <xs:complexType name="Post">
    <xs:choice minOccurs="0" maxOccurs="unbounded">
      <xs:element name="occupancy" type="ce:Occupancy"/>
    </xs:choice>
    <xs:attribute name="id" type="ce:Text"/>
    <xs:attribute name="region" type="ce:Text"/>
    <xs:attribute name="service" type="ce:Service"/>
    <xs:attribute name="role" type="ce:Role"/>
    <xs:attribute name="fte" use="required" type="ce:FTE"/>
  </xs:complexType>

  <xs:complexType name="Occupancy">
    <xs:attribute name="worker" use="required" type="ce:Text"/>
    <xs:attribute name="from" use="required" type="ce:Date"/>
    <xs:attribute name="to" type="ce:Date"/>
    <xs:attribute name="fte" type="ce:FTE"/>
  </xs:complexType>

  <xs:complexType name="Case">
    <xs:choice minOccurs="0" maxOccurs="unbounded">
      <xs:element name="referral" type="ce:Referral"/>
      <xs:element name="assessment" type="ce:Assessment"/>
      <xs:element name="clientship" type="ce:Clientship"/>
      <xs:element name="assignment" type="ce:Assignment"/>
      <xs:element name="plan" type="ce:Plan"/>
      <xs:element name="meeting" type="ce:Meeting"/>
    </xs:choice>
    <xs:attribute name="id" use="required" type="ce:Text"/>
    <xs:attribute name="region" use="required" type="ce:Text"/>
    <xs:attribute name="service" use="required" type="ce:Service"/>
    <xs:attribute name="birthYear" type="ce:Year"/>
    <xs:attribute name="specialSupport" type="ce:Boolean"/>
  </xs:complexType>

  <xs:complexType name="Referral">
    <xs:attribute name="id" use="required" type="ce:Text"/>
    <xs:attribute name="kind" use="required" type="ce:ReferralKind"/>
    <xs:attribute name="received" use="required" type="ce:Date"/>
    <xs:attribute name="urgent" type="ce:Boolean"/>
    <xs:attribute name="urgencyAssessed" type="ce:Date"/>
    <xs:attribute name="decided" type="ce:Date"/>
    <xs:attribute name="outcome" type="ce:Outcome"/>
    <xs:attribute name="childWelfare" type="ce:Boolean"/>
  </xs:complexType>

  <xs:complexType name="Assessment">
    <xs:attribute name="id" type="ce:Text"/>
    <xs:attribute name="referral" use="required" type="ce:Text"/>
    <xs:attribute name="started" type="ce:Date"/>
    <xs:attribute name="completed" type="ce:Date"/>
    <xs:attribute name="worker" type="ce:Text"/>
    <xs:attribute name="result" type="ce:AssessmentResult"/>
    <xs:attribute name="specialSupport" type="ce:Boolean"/>
  </xs:complexType>

  <xs:complexType name="Clientship">
    <xs:attribute name="service" type="ce:Service"/>
    <xs:attribute name="start" use="required" type="ce:Date"/>
    <xs:attribute name="end" type="ce:Date"/>
    <xs:attribute name="aftercare" type="ce:Boolean"/>
  </xs:complexType>

  <xs:complexType name="Assignment">
    <xs:attribute name="worker" use="required" type="ce:Text"/>
    <xs:attribute name="from" use="required" type="ce:Date"/>
    <xs:attribute name="to" type="ce:Date"/>
  </xs:complexType>

  <xs:complexType name="Plan">
    <xs:attribute name="id" type="ce:Text"/>
    <xs:attribute name="date" use="required" type="ce:Date"/>
  </xs:complexType>

  <xs:complexType name="Meeting">
    <xs:attribute name="date" use="required" type="ce:Date"/>
    <xs:attribute name="worker" type="ce:Text"/>
    <xs:attribute name="withChild" type="ce:Boolean"/>
  </xs:complexType>

  <!--
    Simple types, chosen to be cheap for libxml2 (a pattern facet runs a
    regular expression on every value: it cost a fifth of the validation).
    The builder re-checks every value strictly, naming line and field:
    a date is re-parsed as exactly YYYY-MM-DD (no time zone, a real day), a
    boolean must be exactly true/false/1/0 and a birth year four digits; so
    the XSD keeps the base types and leaves those details to it. The one
    pattern left is on the root's `generated` (read once per file); patterns
    use [0-9], not \d (which matches any Unicode digit).
  -->

  <xs:simpleType name="Text">
    <xs:restriction base="xs:string">
      <xs:minLength value="1"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="Date">
    <xs:restriction base="xs:date"/>
  </xs:simpleType>

  <xs:simpleType name="Timestamp">
    <xs:restriction base="xs:dateTime">
      <xs:pattern value="[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+\-][0-9]{2}:[0-9]{2})"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="Boolean">
    <xs:restriction base="xs:boolean"/>
  </xs:simpleType>

  <xs:simpleType name="FTE">
    <xs:restriction base="xs:decimal">
      <xs:minInclusive value="0"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="Year">
    <xs:restriction base="xs:integer">
      <xs:minInclusive value="1000"/>
      <xs:maxInclusive value="9999"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="Service">
    <xs:restriction base="xs:string">
      <xs:enumeration value="lastensuojelu"/>
      <xs:enumeration value="lapsiperheet"/>
      <xs:enumeration value="tyoikaiset"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="Role">
    <xs:restriction base="xs:string">
      <xs:enumeration value="sosiaalityontekija"/>
      <xs:enumeration value="sosiaaliohjaaja"/>
      <xs:enumeration value="johtava"/>
      <xs:enumeration value="muu"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="ReferralKind">
    <xs:restriction base="xs:string">
      <xs:enumeration value="lastensuojeluilmoitus"/>
      <xs:enumeration value="pyynto-arvioida"/>
      <xs:enumeration value="sosiaalihuoltoilmoitus"/>
      <xs:enumeration value="hakemus"/>
      <xs:enumeration value="yhteydenotto"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="Outcome">
    <xs:restriction base="xs:string">
      <xs:enumeration value="selvitys"/>
      <xs:enumeration value="ei-toimenpiteita"/>
      <xs:enumeration value="jo-asiakas"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="AssessmentResult">
    <xs:restriction base="xs:string">
      <xs:enumeration value="asiakkuus"/>
      <xs:enumeration value="ei-asiakkuutta"/>
    </xs:restriction>
  </xs:simpleType>
</xs:schema>
"""#
}
