package dmfolder

import (
	"encoding/binary"
	"encoding/json"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/internal/testkit"
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func dir() *fstest.MapFile { return &fstest.MapFile{Mode: fs.ModeDir | 0o755} }

const dataMinerXML = `<?xml version="1.0" encoding="%s"?>` + "\r\n" + `<DataMiner id="212" elementid="3">` + "\r\n" + `  <DaaS enabled="TRUE"/>` + "\r\n" + `</DataMiner>` + "\r\n"

func TestEncodings(t *testing.T) {
	t.Parallel()
	withDecl := func(enc string) string { return strings.Replace(dataMinerXML, "%s", enc, 1) }
	tests := []struct {
		name string
		data []byte
	}{
		{"UTF-8", []byte(withDecl("utf-8"))},
		{"UTF-8 with BOM", append([]byte{0xEF, 0xBB, 0xBF}, withDecl("utf-8")...)},
		{"UTF-8 without declaration", []byte(strings.SplitN(withDecl("utf-8"), "\r\n", 2)[1])},
		{"UTF-8 declared as UTF-16", []byte(withDecl("utf-16"))},
		{"UTF-16 LE with BOM", testkit.UTF16(withDecl("utf-16"), binary.LittleEndian, true)},
		{"UTF-16 BE with BOM", testkit.UTF16(withDecl("utf-16"), binary.BigEndian, true)},
		{"UTF-16 LE without BOM", testkit.UTF16(withDecl("UTF-16"), binary.LittleEndian, false)},
		{"UTF-16 BE without BOM", testkit.UTF16(withDecl("unicode"), binary.BigEndian, false)},
		{"UTF-16 LE with BOM declared UTF-8", testkit.UTF16(withDecl("utf-8"), binary.LittleEndian, true)},
		{"ISO-8859-1", []byte(withDecl("ISO-8859-1"))},
		{"Windows-1252", []byte(withDecl("windows-1252"))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := Read(fstest.MapFS{"DataMiner.xml": {Data: tc.data}}, "mem")
			if a.DataMinerID == nil || *a.DataMinerID != 212 {
				t.Fatalf("dataminer_id = %v, want 212; errors: %v", a.DataMinerID, a.Errors)
			}
			if a.DataMinerXML.DaaSEnabled == nil || !*a.DataMinerXML.DaaSEnabled {
				t.Errorf("daas_enabled = %v, want true", a.DataMinerXML.DaaSEnabled)
			}
		})
	}

	t.Run("Latin-1 text is decoded", func(t *testing.T) {
		data := []byte(`<?xml version="1.0" encoding="iso-8859-1"?><DataMiner id="1"><NetworkAdapters><MAC>caf` + "\xe9" + `</MAC></NetworkAdapters></DataMiner>`)
		a := Read(fstest.MapFS{"DataMiner.xml": {Data: data}}, "mem")
		if diff := cmp.Diff([]string{"café"}, a.DataMinerXML.NetworkAdapterMACs); diff != "" {
			t.Errorf("MACs (-want +got):\n%s", diff)
		}
	})

	t.Run("unknown declared encoding", func(t *testing.T) {
		a := Read(fstest.MapFS{"DataMiner.xml": file(withDecl("shift_jis"))}, "mem")
		if got := a.Errors["dataminer_id"]; !strings.Contains(got, `unsupported encoding "shift_jis"`) || !strings.HasPrefix(got, "DataMiner.xml:1:") {
			t.Errorf("error = %q", got)
		}
	})

	t.Run("text files", func(t *testing.T) {
		history := "2024-03-11 16:02:51;10.4.0.0-14511-20240222-release\r\n"
		endpoints := `{"Endpoints":[{"IP":"10.0.0.1","AdditionalEndpoints":["10.0.0.9"]}]}`
		for _, enc := range []struct {
			name string
			conv func(string) []byte
		}{
			{"UTF-8", func(s string) []byte { return []byte(s) }},
			{"UTF-8 BOM", func(s string) []byte { return append([]byte{0xEF, 0xBB, 0xBF}, s...) }},
			{"UTF-16 LE", func(s string) []byte { return testkit.UTF16(s, binary.LittleEndian, true) }},
			{"UTF-16 BE", func(s string) []byte { return testkit.UTF16(s, binary.BigEndian, true) }},
		} {
			a := Read(fstest.MapFS{
				"Upgrades/VersionHistory.txt":          {Data: enc.conv(history)},
				"Configurations/ClusterEndpoints.json": {Data: enc.conv(endpoints)},
			}, "mem")
			if a.Version == nil || a.Version.Raw != strings.TrimSpace(history) {
				t.Errorf("%s: version = %+v, errors %v", enc.name, a.Version, a.Errors)
			}
			want := &facts.ClusterEndpoints{Endpoints: []facts.ClusterEndpoint{{IP: "10.0.0.1", AdditionalEndpoints: []string{"10.0.0.9"}}}}
			if diff := cmp.Diff(want, a.ClusterEndpoints); diff != "" {
				t.Errorf("%s: cluster_endpoints (-want +got):\n%s\nerrors %v", enc.name, diff, a.Errors)
			}
		}
	})
}

func TestCaseInsensitiveNames(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"dataminer.XML":                        file(`<dataminer ID="7"/>`),
		"dms.xml":                              file(`<dms><dma ip="10.0.0.7"/><redirects><REDIRECT TO="10.0.0.8" VIA="https://10.0.0.8/APIGateway"/></redirects></dms>`),
		"MAINTENANCESETTINGS.xml":              file(`<maintenancesettings><https enabled="true"/><slnet><enabledotnetremoting>FALSE</enabledotnetremoting></slnet></maintenancesettings>`),
		"db.xml":                               file(`<databases><database local="true" type="Cassandra"/></databases>`),
		"UPGRADES/versionhistory.TXT":          file("2024-01-01 00:00:00;10.4.0.0-14511\n"),
		"elements/One/One.xml":                 file("<Element/>"),
		"configurations/clusterendpoints.JSON": file(`{"endpoints":[{"ip":"10.0.0.7"}]}`),
		"DATABASES/DbConfiguration.XML":        file(`<DatabaseConfiguration/>`),
		"swarming.XML":                         file(`<Swarming/>`),
		"softlaunchoptions.xml":                file(`<x><slnet><swarming>TRUE</swarming></slnet></x>`),
		"DATAMINER.LIC":                        file("x"),
		"Response.Lic":                         file("x"),
		"request.lic":                          file("x"),
	}
	a := Read(fsys, "mem")
	want := facts.Agent{
		Source:         &facts.Source{Kind: "folder", Location: "mem"},
		DataMinerID:    ptr(7),
		Version:        historyVersion("2024-01-01 00:00:00;10.4.0.0-14511", 14511),
		Cluster:        &facts.Cluster{Members: []facts.ClusterMember{{Address: "10.0.0.7"}}, HasFailoverConfig: ptr(false)},
		InstallHistory: &facts.InstallHistory{Entries: []facts.HistoryEntry{{Timestamp: ptr("2024-01-01 00:00:00"), Version: "10.4.0.0-14511"}}},
		ElementCount:   ptr(1),
		HTTPS:          &facts.HTTPS{Enabled: ptr(true)},
		DataMinerXML:   &facts.DataMinerXML{DaaSEnabled: ptr(false)},
		BrokerGateway:  ptr(false), BrokerGatewayAbsent: true, BrokerGatewaySoftLaunch: ptr(false),
		Database:        &facts.Database{Architecture: facts.ArchitectureSeparateCassandra, GeneralType: ptr("Cassandra"), Databases: []facts.DatabaseEntry{{Type: ptr("Cassandra"), Local: ptr(true)}}},
		DBConfiguration: &facts.DBConfiguration{Present: true, Path: ptr(`DATABASES\DbConfiguration.XML`), ElasticClusterCount: ptr(0)},
		Swarming:        &facts.Swarming{SwarmingXMLPresent: true, SoftLaunchEnabled: ptr(true)},
		Licenses:        &facts.Licenses{DataMinerLic: true, ResponseLic: true, RequestLic: true},
		ClusterEndpoints: &facts.ClusterEndpoints{Endpoints: []facts.ClusterEndpoint{
			{IP: "10.0.0.7"},
		}},
		Redirects:      &facts.Redirects{Entries: []facts.Redirect{{To: "10.0.0.8", Via: ptr("https://10.0.0.8/APIGateway")}}},
		DotNetRemoting: &facts.DotNetRemoting{Enable: ptr(false)},
	}
	if diff := cmp.Diff(want, a, cmp.FilterPath(func(p cmp.Path) bool {
		return strings.HasSuffix(p.String(), "Fingerprint") || strings.HasSuffix(p.String(), "FingerprintWithoutPriority")
	}, cmp.Ignore())); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}

	t.Run("exact name wins", func(t *testing.T) {
		a := Read(fstest.MapFS{
			"dataminer.xml": file(`<DataMiner id="1"/>`),
			"DataMiner.xml": file(`<DataMiner id="2"/>`),
			"DATAMINER.XML": file(`<DataMiner id="3"/>`),
		}, "mem")
		if a.DataMinerID == nil || *a.DataMinerID != 2 {
			t.Errorf("dataminer_id = %v, want 2 (from DataMiner.xml)", a.DataMinerID)
		}
	})
	t.Run("a folder named like a file", func(t *testing.T) {
		a := Read(fstest.MapFS{"DataMiner.xml/x": file("")}, "mem")
		if got := a.Errors["dataminer_id"]; got != `DataMiner.xml is a folder, not a file` {
			t.Errorf("error = %q", got)
		}
	})
	t.Run("Database wins over Databases", func(t *testing.T) {
		a := Read(fstest.MapFS{
			"Databases/DBConfiguration.xml": file(`<c/>`),
			"database/dbconfiguration.xml":  file(`<c/>`),
		}, "mem")
		if got := *a.DBConfiguration.Path; got != `database\dbconfiguration.xml` {
			t.Errorf("path = %s", got)
		}
	})
}

func TestMissingFiles(t *testing.T) {
	t.Parallel()
	a := Read(fstest.MapFS{}, "mem")
	want := facts.Agent{
		Source:                  &facts.Source{Kind: "folder", Location: "mem"},
		DBConfiguration:         &facts.DBConfiguration{},
		Swarming:                &facts.Swarming{SoftLaunchEnabled: ptr(false)},
		BrokerGatewaySoftLaunch: ptr(false),
		Licenses:                &facts.Licenses{},
		Errors: map[string]string{
			"dataminer_id":    "DataMiner.xml not found",
			"dataminer_xml":   "DataMiner.xml not found",
			"saml":            "DataMiner.xml not found",
			"cluster":         "DMS.xml not found",
			"redirects":       "DMS.xml not found",
			"https":           "MaintenanceSettings.xml not found",
			"broker_gateway":  "MaintenanceSettings.xml not found",
			"dotnet_remoting": "MaintenanceSettings.xml not found",
			"database":        "DB.xml not found",
			"install_history": `Upgrades\VersionHistory.txt not found`,
			"version":         `Upgrades\VersionHistory.txt not found`,
			"element_count":   `Elements\ not found`,
		},
	}
	if diff := cmp.Diff(want, a); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}

	t.Run("empty Elements folder", func(t *testing.T) {
		a := Read(fstest.MapFS{"Elements": dir()}, "mem")
		if a.ElementCount == nil || *a.ElementCount != 0 {
			t.Errorf("element_count = %v, want 0; errors %v", a.ElementCount, a.Errors)
		}
	})
	t.Run("files in Elements are not elements", func(t *testing.T) {
		a := Read(fstest.MapFS{"Elements/a.xml": file(""), "Elements/B/B.xml": file("")}, "mem")
		if a.ElementCount == nil || *a.ElementCount != 1 {
			t.Errorf("element_count = %v, want 1", a.ElementCount)
		}
	})
}

// positionRE matches the "file:line:column: " an error must start with.
var positionRE = regexp.MustCompile(`^[^:]+:\d+:\d+: `)

func TestParseErrors(t *testing.T) {
	t.Parallel()
	saml := `<DataMiner id="1"><ExternalAuthentication type="SAML" spMetadata="C:\Skyline DataMiner\sp.xml"/></DataMiner>`
	tests := []struct {
		name  string
		fsys  fstest.MapFS
		fact  string
		want  string // the error, exactly
		check func(t *testing.T, a facts.Agent)
	}{
		{
			name: "DataMiner.xml unclosed",
			fsys: fstest.MapFS{"DataMiner.xml": file("<DataMiner id=\"1\">\r\n  <DaaS enabled=\"true\">\r\n</DataMiner>\r\n")},
			fact: "dataminer_id",
			want: "DataMiner.xml:3:13: XML syntax error: element <DaaS> closed by </DataMiner>",
			check: func(t *testing.T, a facts.Agent) {
				if a.DataMinerXML != nil || a.DataMinerID != nil {
					t.Error("facts of a broken DataMiner.xml are not null")
				}
			},
		},
		{
			name: "DataMiner.xml end tag with another prefix",
			fsys: fstest.MapFS{"DataMiner.xml": file(`<a:DataMiner xmlns:a="urn:x" xmlns:b="urn:x" id="1"></b:DataMiner>`)},
			fact: "dataminer_id",
			want: "DataMiner.xml:1:67: XML syntax error: element <a:DataMiner> closed by </b:DataMiner>",
		},
		{
			name: "DataMiner.xml stray end tag",
			fsys: fstest.MapFS{"DataMiner.xml": file("<DataMiner id=\"1\"/>\n</DataMiner>")},
			fact: "dataminer_id",
			want: "DataMiner.xml:2:1: XML syntax error: unexpected end element </DataMiner>",
		},
		{
			name: "DataMiner.xml truncated",
			fsys: fstest.MapFS{"DataMiner.xml": file("<DataMiner id=\"1\">\n  <DaaS/>\n")},
			fact: "dataminer_id",
			want: "DataMiner.xml:3:1: XML syntax error: unexpected EOF",
		},
		{
			name: "DataMiner.xml wrong root",
			fsys: fstest.MapFS{"DataMiner.xml": file("<?xml version=\"1.0\"?>\n<DMS/>")},
			fact: "dataminer_xml",
			want: "DataMiner.xml:2:1: root element is <DMS>, not <DataMiner>",
		},
		{
			name: "DataMiner.xml empty",
			fsys: fstest.MapFS{"DataMiner.xml": file("")},
			fact: "dataminer_id",
			want: "DataMiner.xml:1:1: no XML element found",
		},
		{
			name: "DataMiner.xml two roots",
			fsys: fstest.MapFS{"DataMiner.xml": file("<DataMiner id=\"1\"/>\n<DataMiner id=\"2\"/>")},
			fact: "dataminer_id",
			want: "DataMiner.xml:2:1: XML syntax error: a second root element <DataMiner>",
		},
		{
			name: "DataMiner.xml id not a number",
			fsys: fstest.MapFS{"DataMiner.xml": file("\n<DataMiner id=\"abc\"/>")},
			fact: "dataminer_id",
			want: `DataMiner.xml:2:1: id "abc" of <DataMiner> is not a DataMiner ID`,
			check: func(t *testing.T, a facts.Agent) {
				if a.DataMinerXML == nil {
					t.Error("dataminer_xml is null though the file parsed")
				}
			},
		},
		{
			name: "DataMiner.xml id zero",
			fsys: fstest.MapFS{"DataMiner.xml": file(`<DataMiner id="0"/>`)},
			fact: "dataminer_id",
			want: `DataMiner.xml:1:1: id "0" of <DataMiner> is not a DataMiner ID`,
		},
		{
			name: "DataMiner.xml no id",
			fsys: fstest.MapFS{"DataMiner.xml": file(`<DataMiner/>`)},
			fact: "dataminer_id",
			want: `DataMiner.xml:1:1: <DataMiner> has no id attribute`,
		},
		{
			name: "DaaS enabled not a boolean",
			fsys: fstest.MapFS{"DataMiner.xml": file("<DataMiner id=\"1\">\n  <DaaS enabled=\"maybe\"/></DataMiner>")},
			fact: "dataminer_xml",
			want: `DataMiner.xml:2:3: enabled attribute of <DaaS>: "maybe" is not true or false`,
			check: func(t *testing.T, a facts.Agent) {
				if a.DataMinerXML.DaaSEnabled != nil {
					t.Error("daas_enabled is not null")
				}
			},
		},
		{
			name: "DMS.xml broken",
			fsys: fstest.MapFS{"DMS.xml": file("<DMS>\n<DMA ip=\"10.0.0.1\" id=\"1\">\n</DMS>")},
			fact: "cluster",
			want: "DMS.xml:3:7: XML syntax error: element <DMA> closed by </DMS>",
		},
		{
			name: "MaintenanceSettings.xml broken",
			fsys: fstest.MapFS{"MaintenanceSettings.xml": file("<MaintenanceSettings>\n<HTTPS enabled=true/>\n</MaintenanceSettings>")},
			fact: "https",
			want: "MaintenanceSettings.xml:2:17: XML syntax error: unquoted or missing attribute value in element",
		},
		{
			name: "BrokerGateway not a boolean",
			fsys: fstest.MapFS{"MaintenanceSettings.xml": file("<MaintenanceSettings><SLNet>\n<BrokerGateway>yes</BrokerGateway></SLNet></MaintenanceSettings>")},
			fact: "broker_gateway",
			want: `MaintenanceSettings.xml:2:1: <BrokerGateway>: "yes" is not true or false`,
		},
		{
			name: "HTTPS without enabled",
			fsys: fstest.MapFS{"MaintenanceSettings.xml": file("<MaintenanceSettings>\n <HTTPS name=\"x\"/></MaintenanceSettings>")},
			fact: "https",
			want: `MaintenanceSettings.xml:2:2: <HTTPS> has no enabled attribute`,
			check: func(t *testing.T, a facts.Agent) {
				if diff := cmp.Diff(&facts.HTTPS{Name: ptr("x")}, a.HTTPS); diff != "" {
					t.Errorf("https (-want +got):\n%s", diff)
				}
			},
		},
		{
			name: "db.xml broken, lower-case name",
			fsys: fstest.MapFS{"db.xml": file("<DataBases>\r\n  <DataBase>\r\n    <PWD>a</PWD>\r\n  </DataBases>\r\n")},
			fact: "database",
			want: `db.xml:4:15: XML syntax error: element <DataBase> closed by </DataBases>`,
		},
		{
			name: "DB.xml entity in a password is not quoted",
			fsys: fstest.MapFS{"DB.xml": file("<DataBases><DataBase><PWD>p&amp;ss&word-PLANTED</PWD></DataBase></DataBases>")},
			fact: "database",
			want: `DB.xml:1:48: XML syntax error: invalid character entity (text withheld)`,
		},
		{
			name: "DBConfiguration.xml broken",
			fsys: fstest.MapFS{"Databases/DBConfiguration.xml": file("<DatabaseConfiguration>\n<ElasticCluster>")},
			fact: "dbconfiguration",
			want: `Databases\DBConfiguration.xml:2:17: XML syntax error: unexpected EOF`,
			check: func(t *testing.T, a facts.Agent) {
				want := &facts.DBConfiguration{Present: true, Path: ptr(`Databases\DBConfiguration.xml`)}
				if diff := cmp.Diff(want, a.DBConfiguration); diff != "" {
					t.Errorf("dbconfiguration (-want +got):\n%s", diff)
				}
			},
		},
		{
			name: "SoftLaunchOptions.xml broken",
			fsys: fstest.MapFS{"SoftLaunchOptions.xml": file("<SoftLaunchOptions><SLNet>")},
			fact: "swarming",
			want: `SoftLaunchOptions.xml:1:27: XML syntax error: unexpected EOF`,
			check: func(t *testing.T, a facts.Agent) {
				if diff := cmp.Diff(&facts.Swarming{}, a.Swarming); diff != "" {
					t.Errorf("swarming (-want +got):\n%s", diff)
				}
			},
		},
		{
			name: "SP metadata broken",
			fsys: fstest.MapFS{"DataMiner.xml": file(saml), "sp.xml": file("<md:EntityDescriptor xmlns:md=\"urn:x\">\n<md:SPSSODescriptor></md:EntityDescriptor>")},
			fact: "saml",
			want: `sp.xml:2:43: XML syntax error: element <md:SPSSODescriptor> closed by </md:EntityDescriptor>`,
			check: func(t *testing.T, a facts.Agent) {
				if diff := cmp.Diff(&facts.SAML{SPMetadataPresent: ptr(true)}, a.SAML); diff != "" {
					t.Errorf("saml (-want +got):\n%s", diff)
				}
			},
		},
		{
			name: "ClusterEndpoints.json broken",
			fsys: fstest.MapFS{"Configurations/ClusterEndpoints.json": file("{\n  \"Endpoints\": [\n    {\"IP\": \"10.0.0.1\",}\n  ]\n}")},
			fact: "cluster_endpoints",
			want: `Configurations\ClusterEndpoints.json:3:23: invalid JSON: invalid character '}' looking for beginning of object key string`,
		},
		{
			name: "ClusterEndpoints.json wrong type",
			fsys: fstest.MapFS{"Configurations/ClusterEndpoints.json": file("{\"Endpoints\": [{\"IP\": 10}]}")},
			fact: "cluster_endpoints",
			want: `Configurations\ClusterEndpoints.json:1:25: invalid JSON: Endpoints.IP is a JSON number, not the expected type`,
		},
		{
			name: "ClusterEndpoints.json truncated",
			fsys: fstest.MapFS{"Configurations/ClusterEndpoints.json": file("{\"Endpoints\": [")},
			fact: "cluster_endpoints",
			want: `Configurations\ClusterEndpoints.json:1:16: invalid JSON: the document ends too early`,
		},
		{
			name: "VersionHistory.txt with a line that is no version",
			fsys: fstest.MapFS{"Upgrades/VersionHistory.txt": file("2023-01-01 00:00:00;10.3.0.0-13000\r\n\r\n2024-01-01 00:00:00;latest\r\n")},
			fact: "version",
			want: `Upgrades\VersionHistory.txt:3: "latest" is not a DataMiner version`,
			check: func(t *testing.T, a facts.Agent) {
				if a.Version != nil || a.InstallHistory == nil || len(a.InstallHistory.Entries) != 2 {
					t.Errorf("version %+v, install_history %+v", a.Version, a.InstallHistory)
				}
			},
		},
		{
			name: "VersionHistory.txt empty",
			fsys: fstest.MapFS{"Upgrades/VersionHistory.txt": file("\r\n")},
			fact: "version",
			want: `Upgrades\VersionHistory.txt: no version entry`,
			check: func(t *testing.T, a facts.Agent) {
				if diff := cmp.Diff(&facts.InstallHistory{Entries: []facts.HistoryEntry{}}, a.InstallHistory); diff != "" {
					t.Errorf("install_history (-want +got):\n%s", diff)
				}
			},
		},
		{
			name: "Elements is a file",
			fsys: fstest.MapFS{"Elements": file("")},
			fact: "element_count",
			want: `Elements is a file, not a folder`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := Read(tc.fsys, "mem")
			got, ok := a.Errors[tc.fact]
			if !ok {
				t.Fatalf("no error for %s; errors: %v", tc.fact, a.Errors)
			}
			if got != tc.want {
				t.Errorf("errors[%s]:\n got %s\nwant %s", tc.fact, got, tc.want)
			}
			if strings.Contains(got, "PLANTED") {
				t.Errorf("error quotes a secret: %s", got)
			}
			if tc.check != nil {
				tc.check(t, a)
			}
		})
	}

	// Every XML and JSON parse error names its file, line and column.
	for _, tc := range tests {
		if got := Read(tc.fsys, "mem").Errors[tc.fact]; strings.Contains(got, "syntax error") || strings.Contains(got, "invalid JSON") {
			if !positionRE.MatchString(got) {
				t.Errorf("%s: %q does not start with file:line:column", tc.name, got)
			}
		}
	}
}

func TestDatabaseArchitecture(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, xml   string
		arch        string
		generalType *string
	}{
		{"STaaS", `<DataBase active="true" local="true" search="true" cloud="true" type="CloudStorage"/>`, facts.ArchitectureSTaaS, ptr("CloudStorage")},
		{"cloud flag", `<DataBase active="true" local="true" cloud="TRUE" type="SomethingNew"/>`, facts.ArchitectureSTaaS, ptr("SomethingNew")},
		{"dedicated", `<DataBase local="true" type="CassandraCluster"/><DataBase search="true" type="Elasticsearch"/>`, facts.ArchitectureDedicatedClustered, ptr("CassandraCluster")},
		{"separate with indexing", `<DataBase local="True" type="Cassandra"/><DataBase search="true" type="Elasticsearch"/>`, facts.ArchitectureSeparateCassandraIndexing, ptr("Cassandra")},
		{"separate, inactive indexing", `<DataBase local="true" type="Cassandra"/><DataBase active="false" search="true" type="Elasticsearch"/>`, facts.ArchitectureSeparateCassandra, ptr("Cassandra")},
		{"separate", `<DataBase local="true" type="Cassandra"/><DataBase local="false" type="MySQL"/>`, facts.ArchitectureSeparateCassandra, ptr("Cassandra")},
		{"legacy MySQL without type", `<DataBase active="true" local="true"><DBServer>localhost</DBServer></DataBase>`, facts.ArchitectureLegacy, ptr("MySQL")},
		{"legacy MSSQL", `<DataBase active="true" local="true" type="MSSQL"/>`, facts.ArchitectureLegacy, ptr("MSSQL")},
		{"active general wins", `<DataBase active="false" local="true" type="MySQL"/><DataBase active="true" local="true" type="Cassandra"/>`, facts.ArchitectureSeparateCassandra, ptr("Cassandra")},
		{"unknown type", `<DataBase local="true" type="Oracle"/>`, facts.ArchitectureUnknown, ptr("Oracle")},
		{"no general database", `<DataBase search="true" type="Elasticsearch"/>`, facts.ArchitectureUnknown, nil},
		{"empty", ``, facts.ArchitectureUnknown, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := Read(fstest.MapFS{"DB.xml": file(`<DataBases xmlns="http://www.skyline.be/config/db">` + tc.xml + `</DataBases>`)}, "mem")
			if a.Database == nil {
				t.Fatalf("database is null: %v", a.Errors)
			}
			if a.Database.Architecture != tc.arch {
				t.Errorf("architecture = %s, want %s", a.Database.Architecture, tc.arch)
			}
			if diff := cmp.Diff(tc.generalType, a.Database.GeneralType); diff != "" {
				t.Errorf("general_type (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("entries", func(t *testing.T) {
		a := Read(fstest.MapFS{"DB.xml": file(`<DataBases>
  <DataBase active="TRUE" local="true" type="Cassandra">
    <DBServer> 10.0.0.1 ,, 10.0.0.2 </DBServer><UID>root</UID><PWD>x</PWD>
    <TLSEnabled>True</TLSEnabled><SkipCommitLog>TRUE</SkipCommitLog>
  </DataBase>
  <DataBase local="false" ID="7" priorityOrder="2"><DBServer/></DataBase>
</DataBases>`)}, "mem")
		if a.Database == nil {
			t.Fatalf("database is null: %v", a.Errors)
		}
		want := []facts.DatabaseEntry{
			{Type: ptr("Cassandra"), Active: ptr(true), Local: ptr(true), Servers: []string{"10.0.0.1", "10.0.0.2"}, TLSEnabled: ptr(true), SkipCommitLog: ptr(true)},
			{Local: ptr(false), Servers: []string{}, ID: ptr("7"), PriorityOrder: ptr("2")},
		}
		if diff := cmp.Diff(want, a.Database.Databases); diff != "" {
			t.Errorf("databases (-want +got):\n%s", diff)
		}
	})

	// A value that is neither true nor false leaves the whole fact out, with the reason:
	// the entry read without it would pass for one without the setting.
	t.Run("unreadable value", func(t *testing.T) {
		a := Read(fstest.MapFS{"DB.xml": file(`<DataBases>
  <DataBase active="true" local="true" type="CassandraCluster"><DBServer>10.0.0.1</DBServer></DataBase>
  <DataBase local="false" ID="7"><DBServer/><TLSEnabled>sometimes</TLSEnabled></DataBase>
</DataBases>`)}, "mem")
		if a.Database != nil {
			t.Errorf("database = %+v, want null", a.Database)
		}
		if got := a.Errors["database"]; got != `DB.xml:3:45: <TLSEnabled>: "sometimes" is not true or false` {
			t.Errorf("error = %q", got)
		}
	})
}

func TestFingerprints(t *testing.T) {
	t.Parallel()
	db := func(s string) string {
		t.Helper()
		a := Read(fstest.MapFS{"DB.xml": file(s)}, "mem")
		if a.Database == nil {
			t.Fatalf("%s: %v", s, a.Errors)
		}
		return a.Database.Fingerprint
	}
	base := db(`<DataBases><DataBase local="true" type="CassandraCluster"><DBServer>a,b</DBServer><UID>u</UID><PWD>secret-1</PWD></DataBase><DataBase search="true" type="Elasticsearch"><DBServer>c</DBServer></DataBase></DataBases>`)
	if !regexp.MustCompile(`^sha256:[0-9a-f]{64}$`).MatchString(base) {
		t.Fatalf("fingerprint %q is not sha256:<hex>", base)
	}
	same := map[string]string{
		"other PWD":              `<DataBases><DataBase local="true" type="CassandraCluster"><DBServer>a,b</DBServer><UID>u</UID><PWD>secret-2</PWD></DataBase><DataBase search="true" type="Elasticsearch"><DBServer>c</DBServer></DataBase></DataBases>`,
		"no PWD":                 `<DataBases><DataBase local="true" type="CassandraCluster"><DBServer>a,b</DBServer><UID>u</UID></DataBase><DataBase search="true" type="Elasticsearch"><DBServer>c</DBServer></DataBase></DataBases>`,
		"databases reordered":    `<DataBases><DataBase search="true" type="Elasticsearch"><DBServer>c</DBServer></DataBase><DataBase local="true" type="CassandraCluster"><DBServer>a,b</DBServer><UID>u</UID><PWD>x</PWD></DataBase></DataBases>`,
		"attributes reordered":   `<DataBases><DataBase type="CassandraCluster" local="true"><PWD>x</PWD><UID>u</UID><DBServer>a,b</DBServer></DataBase><DataBase type="Elasticsearch" search="true"><DBServer>c</DBServer></DataBase></DataBases>`,
		"namespace, case, space": "\uFEFF<db:DataBases xmlns:db=\"http://www.skyline.be/config/db\">\r\n <db:database LOCAL=\"TRUE\" Type=\"CassandraCluster\">\r\n  <db:dbserver> a,b </db:dbserver><db:uid>u</db:uid>\r\n </db:database>\r\n <db:Database search=\"True\" type=\"Elasticsearch\"><db:DBServer>c</db:DBServer></db:Database>\r\n</db:DataBases>\r\n",
	}
	// A connection string's credentials, whatever their key, never reach the fingerprint;
	// its other parts do.
	connect := func(cs string) string {
		return `<DataBases><DataBase local="true" type="CassandraCluster"><DBServer>a,b</DBServer><UID>u</UID><ConnectString>` + cs + `</ConnectString></DataBase><DataBase search="true" type="Elasticsearch"><DBServer>c</DBServer></DataBase></DataBases>`
	}
	connectBase := db(connect("Server=db1;User Id=sa;Password=first;Encrypt=true"))
	for _, cs := range []string{
		"Server=db1;User Id=sa;Password=second;Encrypt=true",
		"Server=db1;User Id=sa;password = 'p;w';Encrypt=true",
		"Server=db1;User Id=sa;PASSWORD=;Encrypt=true",
	} {
		if got := db(connect(cs)); got != connectBase {
			t.Errorf("ConnectString %q: the fingerprint depends on the password", cs)
		}
	}
	for _, pair := range [][2]string{
		{"uid=sa;pwd=first", "uid=sa;pwd=second"},
		{"Server=x;Token=abc", "Server=x;Token=def"},
		{"Server=x;ClientSecret=abc", "Server=x;ClientSecret=def"},
	} {
		if db(connect(pair[0])) != db(connect(pair[1])) {
			t.Errorf("ConnectString %q and %q: the fingerprint depends on the secret", pair[0], pair[1])
		}
	}
	if db(connect("Server=db2;User Id=sa;Password=first;Encrypt=true")) == connectBase {
		t.Error("another server in the ConnectString gave the same fingerprint")
	}
	for name, s := range same {
		if got := db(s); got != base {
			t.Errorf("%s: fingerprint changed", name)
		}
	}
	different := map[string]string{
		"other server":      `<DataBases><DataBase local="true" type="CassandraCluster"><DBServer>a,x</DBServer><UID>u</UID></DataBase><DataBase search="true" type="Elasticsearch"><DBServer>c</DBServer></DataBase></DataBases>`,
		"other user":        `<DataBases><DataBase local="true" type="CassandraCluster"><DBServer>a,b</DBServer><UID>v</UID></DataBase><DataBase search="true" type="Elasticsearch"><DBServer>c</DBServer></DataBase></DataBases>`,
		"other type case":   `<DataBases><DataBase local="true" type="Cassandracluster"><DBServer>a,b</DBServer><UID>u</UID></DataBase><DataBase search="true" type="Elasticsearch"><DBServer>c</DBServer></DataBase></DataBases>`,
		"extra TLS setting": `<DataBases><DataBase local="true" type="CassandraCluster"><DBServer>a,b</DBServer><UID>u</UID><TLSEnabled>true</TLSEnabled></DataBase><DataBase search="true" type="Elasticsearch"><DBServer>c</DBServer></DataBase></DataBases>`,
		"one database less": `<DataBases><DataBase local="true" type="CassandraCluster"><DBServer>a,b</DBServer><UID>u</UID></DataBase></DataBases>`,
	}
	for name, s := range different {
		if got := db(s); got == base {
			t.Errorf("%s: fingerprint did not change", name)
		}
	}

	t.Run("secrets of DataMiner.xml", func(t *testing.T) {
		ea := func(attrs, inner string) (string, string) {
			a := Read(fstest.MapFS{"DataMiner.xml": file(`<DataMiner id="1"><ExternalAuthentication type="SAML" ` + attrs + `>` + inner + `</ExternalAuthentication><AzureAD tenantId="t" clientId="c" ` + attrs + `/></DataMiner>`)}, "mem")
			return a.DataMinerXML.ExternalAuthentication.Fingerprint, a.DataMinerXML.AzureAD.Fingerprint
		}
		e0, a0 := ea(``, ``)
		for _, attrs := range []string{`password="p"`, `sharedSecret="s"`, `clientSecret="c"`, `SECRET="x"`, `pwd="y"`, `PWD="z"`, `adminPassword="q"`} {
			if e, a := ea(attrs, `<Password>p</Password><ClientSecret>s</ClientSecret>`); e != e0 || a != a0 {
				t.Errorf("%s changed a fingerprint", attrs)
			}
		}
		if e, _ := ea(`timeout="300"`, ``); e == e0 {
			t.Error("timeout did not change the fingerprint")
		}
	})

	// Two real DB.xml files with two indexing clusters (testdata/agents): the priorityOrder of
	// each cluster may differ between the agents, a host may not.
	t.Run("DB.xml without priorityOrder", func(t *testing.T) {
		fp := func(folder string) string {
			t.Helper()
			a := Read(os.DirFS(agentsDir+"/"+folder), folder)
			if a.Database == nil {
				t.Fatalf("%s: %v", folder, a.Errors)
			}
			return a.Database.Fingerprint
		}
		primary := fp("primary-indexing-clusters")
		if got := fp("backup-indexing-priority"); got != primary {
			t.Error("swapping the clusters' priorityOrder changed the fingerprint")
		}
		if got := fp("backup-indexing-other-host"); got == primary {
			t.Error("another indexing host gave the same fingerprint")
		}
		if got := fp("backup"); got == primary {
			t.Error("one indexing cluster less gave the same fingerprint")
		}
	})

	t.Run("DBConfiguration.xml without priorityOrder", func(t *testing.T) {
		fp := func(s string) string {
			a := Read(fstest.MapFS{"Database/DBConfiguration.xml": file(s)}, "mem")
			return *a.DBConfiguration.FingerprintWithoutPriority
		}
		a := fp(`<DatabaseConfiguration><ElasticCluster priorityOrder="0"><Hosts>a</Hosts><Password>1</Password></ElasticCluster><ElasticCluster priorityOrder="1"><Hosts>b</Hosts></ElasticCluster></DatabaseConfiguration>`)
		b := fp(`<DatabaseConfiguration><ElasticCluster PriorityOrder="1"><Hosts>a</Hosts><Password>2</Password></ElasticCluster><ElasticCluster priorityOrder="0"><Hosts>b</Hosts></ElasticCluster></DatabaseConfiguration>`)
		c := fp(`<DatabaseConfiguration><ElasticCluster priorityOrder="0"><Hosts>a</Hosts></ElasticCluster><ElasticCluster priorityOrder="1"><Hosts>c</Hosts></ElasticCluster></DatabaseConfiguration>`)
		if a != b {
			t.Error("priorityOrder or Password changed the fingerprint")
		}
		if a == c {
			t.Error("other hosts gave the same fingerprint")
		}
	})
}

func TestDataMinerXML(t *testing.T) {
	t.Parallel()
	read := func(s string) facts.Agent {
		return Read(fstest.MapFS{"DataMiner.xml": file(s), "sp.xml": file(`<EntityDescriptor/>`), "Idp/Federation.XML": file(`<x/>`)}, "mem")
	}
	t.Run("absent parts", func(t *testing.T) {
		a := read(`<DataMiner id="5"/>`)
		want := &facts.DataMinerXML{DaaSEnabled: ptr(false)}
		if diff := cmp.Diff(want, a.DataMinerXML); diff != "" {
			t.Errorf("dataminer_xml (-want +got):\n%s", diff)
		}
		if a.SAML != nil || a.Errors["saml"] != "" {
			t.Errorf("saml = %+v, error %q; want null without error", a.SAML, a.Errors["saml"])
		}
	})
	t.Run("empty adapter list and skipMAC", func(t *testing.T) {
		a := read(`<DataMiner id="5"><NetworkAdapters/><IP skipMAC=""/></DataMiner>`)
		if a.DataMinerXML.NetworkAdapterMACs == nil || len(a.DataMinerXML.NetworkAdapterMACs) != 0 ||
			a.DataMinerXML.SkipMACs == nil || len(a.DataMinerXML.SkipMACs) != 0 {
			t.Errorf("want empty lists, got %+v", a.DataMinerXML)
		}
	})
	t.Run("ExternalAuth alias, local metadata, password in URL", func(t *testing.T) {
		a := read(`<DataMiner id="5"><ExternalAuth type="SAML" spMetadata="c:/skyline dataminer/SP.XML" ipMetadata="D:\Skyline DataMiner\idp\federation.xml"/></DataMiner>`)
		want := &facts.SAML{SPMetadataPresent: ptr(true), IPMetadataPresent: ptr(true), AssertionConsumerServices: []facts.AssertionConsumerService{}}
		if diff := cmp.Diff(want, a.SAML); diff != "" {
			t.Errorf("saml (-want +got):\n%s", diff)
		}
		if ea := a.DataMinerXML.ExternalAuthentication; ea == nil || ea.IPMetadataIsURL || *ea.Type != "SAML" {
			t.Errorf("external_authentication = %+v", ea)
		}

		a = read(`<DataMiner id="5"><ExternalAuthentication ipMetadata="https://user:PLANTED@idp.example/meta" spMetadata="\\share\sp.xml"/></DataMiner>`)
		ea := a.DataMinerXML.ExternalAuthentication
		if *ea.IPMetadata != "https://user@idp.example/meta" || !ea.IPMetadataIsURL {
			t.Errorf("ip_metadata = %s (is_url %v)", *ea.IPMetadata, ea.IPMetadataIsURL)
		}
		if diff := cmp.Diff(&facts.SAML{}, a.SAML); diff != "" {
			t.Errorf("saml for a URL and a share (-want +got):\n%s", diff)
		}

		a = read(`<DataMiner id="5"><ExternalAuthentication spMetadata="C:\Skyline DataMiner\missing.xml" ipMetadata="C:\Skyline DataMiner\Idp"/></DataMiner>`)
		if diff := cmp.Diff(&facts.SAML{SPMetadataPresent: ptr(false), IPMetadataPresent: ptr(false)}, a.SAML); diff != "" {
			t.Errorf("saml for missing files (-want +got):\n%s", diff)
		}
	})
	// The SAML pages' DataMiner.xml examples leave "[Path/URL of ...]" in both attributes.
	t.Run("placeholder and relative metadata paths", func(t *testing.T) {
		a := read(`<DataMiner id="5"><ExternalAuthentication type="SAML" ipMetadata="[Path/URL of the identity provider’s metadata file]" spMetadata="[Path/URL of DataMiner's metadata file]"/></DataMiner>`)
		if diff := cmp.Diff(&facts.SAML{}, a.SAML); diff != "" {
			t.Errorf("saml (-want +got):\n%s", diff)
		}
		want := `DataMiner.xml: <ExternalAuthentication> spMetadata "[Path/URL of DataMiner's metadata file]" is neither an absolute Windows path nor a URL (a placeholder such as the docs' example value?); ` +
			`ipMetadata "[Path/URL of the identity provider’s metadata file]" is neither an absolute Windows path nor a URL (a placeholder such as the docs' example value?)`
		if got := a.Errors["saml"]; got != want {
			t.Errorf("error = %q\nwant    %q", got, want)
		}

		a = read(`<DataMiner id="5"><ExternalAuthentication type="SAML" spMetadata="spMetadata.xml" ipMetadata="https://idp.example/meta"/></DataMiner>`)
		if got, want := a.Errors["saml"], `DataMiner.xml: <ExternalAuthentication> spMetadata "spMetadata.xml" is neither an absolute Windows path nor a URL (a placeholder such as the docs' example value?)`; got != want {
			t.Errorf("error = %q, want %q", got, want)
		}

		for _, ok := range []string{`C:\Skyline DataMiner\sp.xml`, `d:/saml/sp.xml`, `\\files\saml\sp.xml`, `HTTPS://idp.example/sp`} {
			a = read(`<DataMiner id="5"><ExternalAuthentication type="SAML" spMetadata="` + ok + `"/></DataMiner>`)
			if got := a.Errors["saml"]; got != "" {
				t.Errorf("%s: error %q, want none", ok, got)
			}
		}
	})
	t.Run("assertion consumer services", func(t *testing.T) {
		a := Read(fstest.MapFS{
			"DataMiner.xml": file(`<DataMiner id="5"><ExternalAuthentication type="SAML" spMetadata="C:\Skyline DataMiner\Metadata\sp.xml"/></DataMiner>`),
			"metadata/SP.xml": file(`<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata"><EntityDescriptor>
				<SPSSODescriptor>
					<AssertionConsumerService Location=" https://fo.example/API/ " index="2" isDefault="TRUE"/>
					<AssertionConsumerService Location="https://10.0.0.1/API/"/>
					<AssertionConsumerService Location="https://10.0.0.2/API/" index="x" isDefault="no"/>
				</SPSSODescriptor>
				<IDPSSODescriptor><AssertionConsumerService Location="not an SP"/></IDPSSODescriptor>
			</EntityDescriptor></EntitiesDescriptor>`),
		}, "mem")
		want := []facts.AssertionConsumerService{
			{Location: "https://fo.example/API/", Index: ptr(2), IsDefault: ptr(true)},
			{Location: "https://10.0.0.1/API/"},
			{Location: "https://10.0.0.2/API/"},
		}
		if diff := cmp.Diff(want, a.SAML.AssertionConsumerServices); diff != "" {
			t.Errorf("acs (-want +got):\n%s", diff)
		}
		if got := a.Errors["saml"]; got != `metadata\SP.xml:5:6: isDefault attribute of <AssertionConsumerService>: "no" is not true or false` {
			t.Errorf("error = %q", got)
		}
	})
}

func TestInsideFolder(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{`C:\Skyline DataMiner\spMetadata.xml`, "spMetadata.xml", true},
		{`c:\skyline dataminer\Webpages\sp.xml`, "Webpages/sp.xml", true},
		{`C:/Skyline DataMiner/a/./b.xml`, "a/b.xml", true},
		{`"C:\Skyline DataMiner\sp.xml"`, "sp.xml", true},
		{`C:\Skyline DataMiner\..\Windows\win.ini`, "", false},
		{`C:\Skyline DataMiner\`, "", false},
		{`C:\Other\sp.xml`, "", false},
		{`\\server\share\sp.xml`, "", false},
		{`sp.xml`, "", false},
		{`https://idp.example/meta`, "", false},
	}
	for _, tc := range tests {
		got, ok := insideFolder(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("insideFolder(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestNormalizeMAC(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"B0-83-FE-B3-F8-0B":   "B0-83-FE-B3-F8-0B",
		"b0-83-fe-b3-f8-0b":   "B0-83-FE-B3-F8-0B",
		" b0:83:fe:b3:f8:0b ": "B0-83-FE-B3-F8-0B",
		"b083.feb3.f80b":      "B0-83-FE-B3-F8-0B",
		"B083FEB3F80B":        "B0-83-FE-B3-F8-0B",
		"not a mac":           "not a mac",
		"00:00:00:00:fe:80:00:00:00:00:00:00:02:00:5e:10:00:00:00:01": "00:00:00:00:fe:80:00:00:00:00:00:00:02:00:5e:10:00:00:00:01",
	}
	for in, want := range tests {
		if got := normalizeMAC(in); got != want {
			t.Errorf("normalizeMAC(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestVersionHistory(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		text    string
		entries []facts.HistoryEntry
		raw     string
		cu      *int
	}{
		{
			name:    "CRLF and blank lines",
			text:    "\r\n2023-01-01 10:00:00;10.3.0.0-13000-20230101-release\r\n\r\n  2024-01-01 10:00:00 ; 10.4.0.0-14511-20240101-release  \r\n\r\n",
			entries: []facts.HistoryEntry{{Timestamp: ptr("2023-01-01 10:00:00"), Version: "10.3.0.0-13000-20230101-release"}, {Timestamp: ptr("2024-01-01 10:00:00"), Version: "10.4.0.0-14511-20240101-release"}},
			raw:     "2024-01-01 10:00:00 ; 10.4.0.0-14511-20240101-release",
		},
		{
			name:    "no timestamp, CU named",
			text:    "10.4.0.0-14511-CU4\n",
			entries: []facts.HistoryEntry{{Version: "10.4.0.0-14511-CU4"}},
			raw:     "10.4.0.0-14511-CU4",
			cu:      ptr(4),
		},
		{
			name:    "empty timestamp",
			text:    ";10.4.0.0-14511\n",
			entries: []facts.HistoryEntry{{Version: "10.4.0.0-14511"}},
			raw:     ";10.4.0.0-14511",
		},
		{
			name:    "Cube's arrow",
			text:    "2025-03-27 11:16:35 => 10.4.0.0-14511\n",
			entries: []facts.HistoryEntry{{Timestamp: ptr("2025-03-27 11:16:35"), Version: "10.4.0.0-14511"}},
			raw:     "2025-03-27 11:16:35 => 10.4.0.0-14511",
		},
		{
			name:    "timestamp in another shape",
			text:    "27/03/2025 11:16;10.4.0.0-14511-20240101-release\n",
			entries: []facts.HistoryEntry{{Timestamp: ptr("27/03/2025 11:16"), Version: "10.4.0.0-14511-20240101-release"}},
			raw:     "27/03/2025 11:16;10.4.0.0-14511-20240101-release",
		},
		{
			// Cube's rows without their title: newest first, as their timestamps show.
			name: "Cube's rows without the title",
			text: "2025-03-27 11:16:35 => 10.4.0.0-14511\n2024-11-02 09:00:00 => 10.3.0.0-13159\n",
			entries: []facts.HistoryEntry{
				{Timestamp: ptr("2024-11-02 09:00:00"), Version: "10.3.0.0-13159"},
				{Timestamp: ptr("2025-03-27 11:16:35"), Version: "10.4.0.0-14511"},
			},
			raw: "2025-03-27 11:16:35 => 10.4.0.0-14511",
		},
		{
			// A dotted date is no version 8.1.2024 (10.4.0.0-14511 is).
			name:    "dotted date",
			text:    "27.03.2025 11:16:35;10.4.0.0-14511-20240101-release\n",
			entries: []facts.HistoryEntry{{Timestamp: ptr("27.03.2025 11:16:35"), Version: "10.4.0.0-14511-20240101-release"}},
			raw:     "27.03.2025 11:16:35;10.4.0.0-14511-20240101-release",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := Read(fstest.MapFS{"Upgrades/VersionHistory.txt": file(tc.text)}, "mem")
			if diff := cmp.Diff(tc.entries, a.InstallHistory.Entries); diff != "" {
				t.Errorf("entries (-want +got):\n%s", diff)
			}
			if a.Version == nil {
				t.Fatalf("version is null: %v", a.Errors)
			}
			if a.Version.Raw != tc.raw || a.Version.Source != "versionhistory" || a.Version.Major != 10 || a.Version.Minor != 4 {
				t.Errorf("version = %+v", a.Version)
			}
			if diff := cmp.Diff(tc.cu, a.Version.CU); diff != "" {
				t.Errorf("cu (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDMSXML(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		xml  string
		want *facts.Cluster
		err  string
	}{
		{
			name: "hostnames, IPv6, failover, empty cluster name",
			xml:  `<DMS><Cluster name=""/><DMA ip="dma2.example" id="2"/><DMA ip="fe80::1" id=""/><DMA uri="https://10.0.0.3:8004/x" id="3"/><Failover bruteForceToOffline="true"/></DMS>`,
			want: &facts.Cluster{
				Members: []facts.ClusterMember{
					{Address: "dma2.example", AddressIsHostname: true, ID: ptr(2)},
					{Address: "fe80::1"},
					{Address: "10.0.0.3", ID: ptr(3)},
				},
				HasFailoverConfig: ptr(true),
			},
		},
		{
			// The policies compare these addresses with the operator's (netip's spelling) as
			// strings: an IP address is written the same way whatever the file held.
			name: "IP addresses in other spellings",
			xml: "<DMS>\r\n<DMA ip=\" 10.0.0.1 \"/>\r\n<DMA IP=\"FD00:0:0:0:0:0:0:60\"/>\r\n<DMA ip=\"[fd00::61]\"/>\r\n" +
				"<DMA uri=\"https://[FD00::62]:8004/x\"/>\r\n<DMA ip=\"010.011.005.052\"/>\r\n<DMA ip=\"DMA3.Example.\"/></DMS>",
			want: &facts.Cluster{
				Members: []facts.ClusterMember{
					{Address: "10.0.0.1"},
					{Address: "fd00::60"},
					{Address: "fd00::61"},
					{Address: "fd00::62"},
					// Leading zeros: netip does not parse it, but it is no hostname.
					{Address: "010.011.005.052"},
					{Address: "DMA3.Example.", AddressIsHostname: true},
				},
				HasFailoverConfig: ptr(false),
			},
		},
		{
			name: "no DMA",
			xml:  `<DMS/>`,
			want: &facts.Cluster{Members: []facts.ClusterMember{}, HasFailoverConfig: ptr(false)},
		},
		{
			name: "a DMA without address makes the members unknown",
			xml:  "<DMS>\n<DMA ip=\"10.0.0.1\"/>\n<DMA id=\"4\"/></DMS>",
			want: &facts.Cluster{HasFailoverConfig: ptr(false)},
			err:  "DMS.xml:3:1: <DMA> has no usable ip attribute",
		},
		{
			name: "id not a number",
			xml:  "<DMS><DMA ip=\"10.0.0.1\" id=\"x\"/></DMS>",
			want: &facts.Cluster{Members: []facts.ClusterMember{{Address: "10.0.0.1"}}, HasFailoverConfig: ptr(false)},
			err:  `DMS.xml:1:6: id attribute of <DMA>: "x" is not a whole number`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := Read(fstest.MapFS{"DMS.xml": file(tc.xml)}, "mem")
			if diff := cmp.Diff(tc.want, a.Cluster); diff != "" {
				t.Errorf("cluster (-want +got):\n%s", diff)
			}
			if got := a.Errors["cluster"]; got != tc.err {
				t.Errorf("error = %q, want %q", got, tc.err)
			}
		})
	}
}

// DMS.xml's <Redirects>, as on the DMS.xml page (one per other agent, gRPC through
// APIGateway) and the connection strings page (to="*" with credentials only).
func TestRedirects(t *testing.T) {
	t.Parallel()
	a := Read(fstest.MapFS{"DMS.xml": file(`<DMS xmlns="http://www.skyline.be/config/dms">
  <DMA ip="10.14.3.60" timestamp=""/>
  <Redirects>
    <Redirect to="10.14.3.61" via="https://10.14.3.61/APIGateway" user="SvcUser" pwd="PLANTED-REDIRECT-PWD-9e01"/>
    <Redirect to=" * " user="Administrator" pwd="PLANTED-REDIRECT-PWD-9e02"/>
    <Redirect to="10.14.3.62" via="http://gw:PLANTED-REDIRECT-PWD-9e03@10.14.9.1/"/>
    <Redirect to="FD00:0:0:0:0:0:0:63" via="https://[fd00::63]/APIGateway"/>
  </Redirects>
</DMS>`)}, "mem")
	want := &facts.Redirects{Entries: []facts.Redirect{
		{To: "10.14.3.61", Via: ptr("https://10.14.3.61/APIGateway")},
		{To: "*"},
		{To: "10.14.3.62", Via: ptr("http://gw@10.14.9.1/")},
		{To: "fd00::63", Via: ptr("https://[fd00::63]/APIGateway")},
	}}
	if diff := cmp.Diff(want, a.Redirects); diff != "" {
		t.Errorf("redirects (-want +got):\n%s", diff)
	}
	out, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "PLANTED") || strings.Contains(string(out), "SvcUser") {
		t.Errorf("a redirect's credentials reached the facts: %s", out)
	}

	a = Read(fstest.MapFS{"DMS.xml": file(`<DMS><DMA ip="10.14.3.60"/></DMS>`)}, "mem")
	if diff := cmp.Diff(&facts.Redirects{Entries: []facts.Redirect{}}, a.Redirects); diff != "" {
		t.Errorf("no redirects (-want +got):\n%s", diff)
	}
}

// <SLNet><EnableDotNetRemoting> of MaintenanceSettings.xml, as on the page on the
// configuration of DataMiner processes ("Disabling .NET Remoting").
func TestDotNetRemoting(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, xml string
		want      *facts.DotNetRemoting
		err       string
	}{
		{"disabled", `<MaintenanceSettings><SLNet><EnableDotNetRemoting>false</EnableDotNetRemoting></SLNet></MaintenanceSettings>`,
			&facts.DotNetRemoting{Enable: ptr(false)}, ""},
		{"enabled", `<MaintenanceSettings><SLNet><EnableDotNetRemoting> true </EnableDotNetRemoting></SLNet></MaintenanceSettings>`,
			&facts.DotNetRemoting{Enable: ptr(true)}, ""},
		{"absent", `<MaintenanceSettings><SLNet><BrokerGateway>true</BrokerGateway></SLNet></MaintenanceSettings>`,
			&facts.DotNetRemoting{}, ""},
		{"not a boolean", "<MaintenanceSettings>\n<SLNet><EnableDotNetRemoting>no</EnableDotNetRemoting></SLNet></MaintenanceSettings>",
			nil, `MaintenanceSettings.xml:2:8: <EnableDotNetRemoting>: "no" is not true or false`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := Read(fstest.MapFS{"MaintenanceSettings.xml": file(tc.xml)}, "mem")
			if diff := cmp.Diff(tc.want, a.DotNetRemoting); diff != "" {
				t.Errorf("dotnet_remoting (-want +got):\n%s", diff)
			}
			if got := a.Errors["dotnet_remoting"]; got != tc.err {
				t.Errorf("error = %q, want %q", got, tc.err)
			}
		})
	}
}

func TestDeepNestingIsRefused(t *testing.T) {
	t.Parallel()
	deep := strings.Repeat("<a>", 10000) + strings.Repeat("</a>", 10000)
	a := Read(fstest.MapFS{"DataMiner.xml": file(`<DataMiner id="1"><AzureAD>` + deep + `</AzureAD></DataMiner>`)}, "mem")
	if got := a.Errors["dataminer_xml"]; !strings.Contains(got, "nested more than") {
		t.Errorf("error = %q", got)
	}
}

func TestTooLargeFile(t *testing.T) {
	t.Parallel()
	a := Read(fstest.MapFS{"DB.xml": &fstest.MapFile{Data: make([]byte, maxFileSize+1)}}, "mem")
	if got := a.Errors["database"]; got != "DB.xml: larger than 8 MiB, not a DataMiner configuration file" {
		t.Errorf("error = %q", got)
	}
}

// TestSTaaSProxy: a CloudStorage database records whether it has a <Proxy> (which needs
// 10.4.5/10.5.0), never the proxy's address or credentials; other types record nothing.
func TestSTaaSProxy(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, xml string
		want      *bool
	}{
		{"with proxy", `<DataBase active="true" local="true" search="true" cloud="true" type="CloudStorage"><Proxy><Address>proxy.example.local</Address><Port>3128</Port><UserName>svc</UserName><Password>PLANTED-proxy-pwd</Password></Proxy></DataBase>`, ptr(true)},
		{"without proxy", `<DataBase active="true" local="true" search="true" cloud="true" type="CloudStorage"/>`, ptr(false)},
		{"not STaaS", `<DataBase active="true" local="true" type="CassandraCluster"><DBServer>a</DBServer></DataBase>`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := Read(fstest.MapFS{"DB.xml": file(`<DataBases xmlns="http://www.skyline.be/config/db">` + tc.xml + `</DataBases>`)}, "mem")
			if a.Database == nil || len(a.Database.Databases) != 1 {
				t.Fatalf("database = %+v, errors %v", a.Database, a.Errors)
			}
			if diff := cmp.Diff(tc.want, a.Database.Databases[0].Proxy); diff != "" {
				t.Errorf("proxy (-want +got):\n%s", diff)
			}
			raw, _ := json.Marshal(a)
			for _, leak := range []string{"PLANTED-proxy-pwd", "proxy.example.local", "svc"} {
				if strings.Contains(string(raw), leak) {
					t.Errorf("facts carry %q", leak)
				}
			}
		})
	}
}

// <HTTPS name> of MaintenanceSettings.xml may be a hostname, an FQDN or an IP address
// (the HTTPS setup page): an IP address is written as the fact document writes addresses,
// a name as the file has it (trimmed; case and a trailing dot are the policies' concern).
func TestHTTPSName(t *testing.T) {
	t.Parallel()
	tests := []struct{ attr, want string }{
		{"dma01.skyline.be", "dma01.skyline.be"},
		{" DMA01.Skyline.BE. ", "DMA01.Skyline.BE."},
		{"10.11.5.52", "10.11.5.52"},
		{"FD00:0:0:0:0:0:A:52", "fd00::a:52"},
		{"[fd00::a:52]", "fd00::a:52"},
	}
	for _, tc := range tests {
		t.Run(tc.attr, func(t *testing.T) {
			t.Parallel()
			a := Read(fstest.MapFS{"MaintenanceSettings.xml": file(`<MaintenanceSettings><HTTPS enabled="true" name="` + tc.attr + `"/></MaintenanceSettings>`)}, "mem")
			if diff := cmp.Diff(&facts.HTTPS{Enabled: ptr(true), Name: ptr(tc.want)}, a.HTTPS); diff != "" {
				t.Errorf("https (-want +got):\n%s", diff)
			}
		})
	}
}

// deniedFS is a folder copy in which some paths cannot be opened (access denied), as
// when the account that runs dmaprep may not read one sub-folder of the agent's folder.
type deniedFS struct {
	fstest.MapFS
	denied map[string]bool
}

func (d deniedFS) Open(name string) (fs.File, error) {
	if d.denied[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.MapFS.Open(name)
}

// ReadDir is MapFS's, which fs.ReadDir would call without going through Open.
func (d deniedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if d.denied[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.MapFS.ReadDir(name)
}

// TestUnreadableIsNotAbsent: a file that may be there, in a folder that cannot be listed,
// leaves its fact null with the reason, never "absent" (which a policy would judge).
func TestUnreadableIsNotAbsent(t *testing.T) {
	t.Parallel()
	base := fstest.MapFS{
		"DataMiner.xml":                file(`<DataMiner id="7"><ExternalAuthentication type="SAML" ipMetadata="C:\Skyline DataMiner\SAML\ip.xml" spMetadata="C:\Skyline DataMiner\SAML\sp.xml"/></DataMiner>`),
		"SAML/sp.xml":                  file(`<EntityDescriptor/>`),
		"SAML/ip.xml":                  file(`<EntityDescriptor/>`),
		"Database/DBConfiguration.xml": file(`<DatabaseConfiguration/>`),
		"Swarming.xml":                 file(`<Swarming/>`),
		"dataminer.lic":                file("licence"),
	}
	tests := []struct {
		name   string
		denied string
		fact   string
		check  func(a facts.Agent) bool // true when the fact is null
	}{
		{"DBConfiguration.xml", "Database", "dbconfiguration", func(a facts.Agent) bool { return a.DBConfiguration == nil }},
		{"SAML metadata", "SAML", "saml", func(a facts.Agent) bool {
			return a.SAML != nil && a.SAML.SPMetadataPresent == nil && a.SAML.IPMetadataPresent == nil
		}},
		{"Swarming.xml and licences", ".", "swarming", func(a facts.Agent) bool { return a.Swarming == nil && a.Licenses == nil }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := Read(deniedFS{base, map[string]bool{tc.denied: true}}, "mem")
			if !tc.check(a) {
				out, _ := json.Marshal(a)
				t.Errorf("%s is not null with %s unreadable: %s", tc.fact, tc.denied, out)
			}
			if msg := a.Errors[tc.fact]; !strings.Contains(msg, "permission denied") {
				t.Errorf("errors[%s] = %q, want the reason (permission denied)", tc.fact, msg)
			}
		})
	}
	// Readable, the same folder gives the facts.
	a := Read(base, "mem")
	if a.DBConfiguration == nil || !a.DBConfiguration.Present || a.Swarming == nil || !a.Swarming.SwarmingXMLPresent ||
		a.Licenses == nil || !a.Licenses.DataMinerLic || a.SAML == nil || a.SAML.SPMetadataPresent == nil || !*a.SAML.SPMetadataPresent {
		out, _ := json.Marshal(a)
		t.Errorf("readable folder: %s", out)
	}
}
