package dmfolder

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dmaprep/dmaprep/dmversion"
	"github.com/dmaprep/dmaprep/facts"
)

// agentsDir holds the DataMiner folder fixtures (see make_fixtures.go).
const agentsDir = "../../testdata/agents"

// Fingerprints of the fixtures' settings. primary/ and backup/ share them (the settings
// differ only in secrets, letter case, namespaces and order), and so do the variants.
const (
	fpExternalAuth = "sha256:cc413b607022a0574c3fb3c7419cb2a6a1aaad556fc751de01e4b58e1171e17e"
	fpAzureAD      = "sha256:9ff88bce8c56039ce87a40c4f7909b04172ddd84d8a2f26a68502bf9a3103617"
	fpDatabases    = "sha256:96f3c795ed134be563dd2cb72d6fb01fc7a094fed05ffca70b79d13c34751c14"
	// DB.xml with a second indexing cluster, whatever the clusters' priorityOrder, and the
	// same with another host in that cluster.
	fpTwoIndexingClusters = "sha256:36118d767dbc497b31614cc5e219d9060025fc6cb3c42bccc9327f5b30006afb"
	fpOtherIndexingHost   = "sha256:92a50c9446443d89f90b762dcf57bcae9a627384ead01d6fdee275864865c43c"
	fpDBConfiguration     = "sha256:688b9235fd5bb37473f688c00bc4f280689cf98fcde6ee2642e418a0ad957237"
	// backup-db-localhost names its indexing database "localhost".
	fpDatabasesLocalhost = "sha256:4ad5160dead99e782b955e38c90f47ee0fcff0fa7f64fca5265cb6fd4cdcad9a"
)

// plantedSecrets are the secret values planted in the fixtures. None may reach the facts.
var plantedSecrets = []string{
	"PLANTED-PWD-3f9a", "PLANTED-PWD-e71b", "PLANTED-PWD-plain-5d7c", "PLANTED-PWD-plain-91aa",
	"PLANTED-CLIENT-SECRET-77c1", "PLANTED-CLIENT-SECRET-plain-4e0a",
	"PLANTED-SHARED-SECRET-a4d2", "PLANTED-SHARED-SECRET-b9e3",
	"PLANTED-REDIRECT-PWD-c3f0", "PLANTED-REDIRECT-PWD-77d3",
	"PLANTED-ELASTIC-PASSWORD-6a2e", "PLANTED-ELASTIC-PASSWORD-plain-03f7",
	"PLANTED-SMTP-PASSWORD-2b8d",
}

func historyVersion(line string, build int) *dmversion.Version {
	return &dmversion.Version{Raw: line, Source: "versionhistory", Major: 10, Minor: 4, Build: ptr(build), Track: dmversion.TrackMain}
}

func samlConfig() (*facts.ExternalAuthentication, *facts.AzureAD, *facts.SAML) {
	return &facts.ExternalAuthentication{
			Type:            ptr("SAML"),
			IPMetadata:      ptr("https://login.microsoftonline.com/6f1d2c3b-0000-4000-8000-000000000001/federationmetadata/2007-06/federationmetadata.xml"),
			SPMetadata:      ptr(`C:\Skyline DataMiner\spMetadata.xml`),
			IPMetadataIsURL: true,
			Fingerprint:     fpExternalAuth,
		}, &facts.AzureAD{
			TenantID:    ptr("6f1d2c3b-0000-4000-8000-000000000001"),
			ClientID:    ptr("0c9e8d7f-0000-4000-8000-000000000003"),
			Fingerprint: fpAzureAD,
		}, &facts.SAML{
			SPMetadataPresent: ptr(true),
			AssertionConsumerServices: []facts.AssertionConsumerService{
				{Location: "https://10.11.250.44/API/", Index: ptr(0), IsDefault: ptr(true)},
				{Location: "https://10.11.5.52/API/", Index: ptr(1)},
			},
		}
}

func cassandraCluster() facts.DatabaseEntry {
	return facts.DatabaseEntry{
		Type: ptr("CassandraCluster"), Active: ptr(true), Local: ptr(true),
		Servers:    []string{"127.0.20.11", "127.0.20.12", "127.0.20.13"},
		TLSEnabled: ptr(true), SkipCommitLog: ptr(false),
	}
}

func elasticsearch() facts.DatabaseEntry {
	return facts.DatabaseEntry{
		Type: ptr("Elasticsearch"), Active: ptr(true), Search: ptr(true),
		Servers: []string{"127.0.21.21:9200", "127.0.21.22", "127.0.21.23"},
		ID:      ptr("search-a"), PriorityOrder: ptr("0"),
	}
}

// secondIndexingCluster is the second indexing cluster of the *-indexing-* fixtures.
func secondIndexingCluster(priority, secondHost string) facts.DatabaseEntry {
	return facts.DatabaseEntry{
		Type: ptr("Elasticsearch"), Active: ptr(true), Search: ptr(true),
		Servers: []string{"127.0.22.31", secondHost},
		ID:      ptr("search-b"), PriorityOrder: ptr(priority),
	}
}

func dedicatedClustered(dbs ...facts.DatabaseEntry) *facts.Database {
	return &facts.Database{
		Architecture: facts.ArchitectureDedicatedClustered,
		GeneralType:  ptr("CassandraCluster"),
		Databases:    dbs,
		Fingerprint:  fpDatabases,
	}
}

func dbConfiguration(path string) *facts.DBConfiguration {
	return &facts.DBConfiguration{Present: true, Path: ptr(path), ElasticClusterCount: ptr(2), FingerprintWithoutPriority: ptr(fpDBConfiguration)}
}

// wantPrimary is what primary/ says: agent 212 of cluster pluto, 10.4.0.0-14511 after an
// upgrade from 10.3, two elements, HTTPS, dedicated clustered storage, SAML.
func wantPrimary(location string) facts.Agent {
	ea, az, saml := samlConfig()
	return facts.Agent{
		Source:      &facts.Source{Kind: facts.SourceFolder, Location: location},
		DataMinerID: ptr(212),
		Version:     historyVersion("2024-03-11 16:02:51;10.4.0.0-14511-20240222-release", 14511),
		Cluster: &facts.Cluster{
			Name: ptr("pluto"),
			Members: []facts.ClusterMember{
				{Address: "10.11.5.52", ID: ptr(212)},
				{Address: "10.11.6.10", ID: ptr(35)},
			},
			HasFailoverConfig: ptr(false),
		},
		InstallHistory: &facts.InstallHistory{Entries: []facts.HistoryEntry{
			{Timestamp: ptr("2023-11-02 09:14:27"), Version: "10.3.0.0-13159-20230905-release"},
			{Timestamp: ptr("2024-03-11 16:02:51"), Version: "10.4.0.0-14511-20240222-release"},
		}},
		ElementCount: ptr(2),
		HTTPS:        &facts.HTTPS{Enabled: ptr(true), Name: ptr("dma-main.example.local")},
		DataMinerXML: &facts.DataMinerXML{
			DaaSEnabled:            ptr(false),
			NetworkAdapterMACs:     []string{"B0-83-FE-B3-F8-0B", "E8-EE-7A-CA-97-B0"},
			SkipMACs:               []string{"12-34-56-78-90-AB", "0A-0B-0C-0D-0E-0F"},
			ElementIDHint:          ptr(37),
			ExternalAuthentication: ea,
			AzureAD:                az,
		},
		BrokerGateway:           ptr(true),
		BrokerGatewaySoftLaunch: ptr(false),
		Database:                dedicatedClustered(cassandraCluster(), elasticsearch()),
		DBConfiguration:         dbConfiguration(`Database\DBConfiguration.xml`),
		Swarming:                &facts.Swarming{SoftLaunchEnabled: ptr(false)},
		Licenses:                &facts.Licenses{DataMinerLic: true},
		SAML:                    saml,
		ClusterEndpoints: &facts.ClusterEndpoints{Endpoints: []facts.ClusterEndpoint{
			{IP: "10.11.5.52", AdditionalEndpoints: []string{}},
			{IP: "10.11.6.10", AdditionalEndpoints: []string{}},
		}},
		// The redirect's user and pwd are not read.
		Redirects:      &facts.Redirects{Entries: []facts.Redirect{{To: "10.11.6.10", Via: ptr("https://10.11.6.10/APIGateway")}}},
		DotNetRemoting: &facts.DotNetRemoting{},
	}
}

// wantBackup is what backup/ says: a fresh install ready to be primary/'s backup.
func wantBackup(location string) facts.Agent {
	ea, az, saml := samlConfig()
	return facts.Agent{
		Source:      &facts.Source{Kind: facts.SourceFolder, Location: location},
		DataMinerID: ptr(212),
		Version:     historyVersion("2024-03-12 10:40:03;10.4.0.0-14511-20240222-release", 14511),
		Cluster: &facts.Cluster{
			Members:           []facts.ClusterMember{{Address: "10.11.4.52", ID: ptr(212)}},
			HasFailoverConfig: ptr(false),
		},
		InstallHistory: &facts.InstallHistory{Entries: []facts.HistoryEntry{
			{Timestamp: ptr("2024-03-12 10:40:03"), Version: "10.4.0.0-14511-20240222-release"},
		}},
		ElementCount: ptr(0),
		HTTPS:        &facts.HTTPS{Enabled: ptr(true), Name: ptr("dma-backup.example.local")},
		DataMinerXML: &facts.DataMinerXML{
			DaaSEnabled:            ptr(false),
			NetworkAdapterMACs:     []string{"B0-83-FE-B3-F9-1C", "E8-EE-7A-CA-98-C1"},
			ElementIDHint:          ptr(0),
			ExternalAuthentication: ea,
			AzureAD:                az,
		},
		BrokerGateway:           ptr(true),
		BrokerGatewaySoftLaunch: ptr(false),
		Database:                dedicatedClustered(cassandraCluster(), elasticsearch()),
		DBConfiguration:         dbConfiguration(`Database\DBConfiguration.xml`),
		Swarming:                &facts.Swarming{SoftLaunchEnabled: ptr(false)},
		Licenses:                &facts.Licenses{DataMinerLic: true, RequestLic: true},
		SAML:                    saml,
		ClusterEndpoints: &facts.ClusterEndpoints{Endpoints: []facts.ClusterEndpoint{
			{IP: "10.11.4.52", AdditionalEndpoints: []string{}},
		}},
		Redirects:      &facts.Redirects{Entries: []facts.Redirect{}},
		DotNetRemoting: &facts.DotNetRemoting{},
	}
}

// fixtures are every folder under testdata/agents with the facts it must give.
var fixtures = []struct {
	name string
	want func(location string) facts.Agent
}{
	{"primary", wantPrimary},
	{"backup", wantBackup},
	{"backup-other-id", func(l string) facts.Agent {
		a := wantBackup(l)
		a.DataMinerID = ptr(213)
		return a
	}},
	{"backup-other-version", func(l string) facts.Agent {
		a := wantBackup(l)
		a.Version = historyVersion("2024-08-22 08:00:00;10.4.0.0-14772-20240821-release", 14772)
		a.InstallHistory.Entries = []facts.HistoryEntry{{Timestamp: ptr("2024-08-22 08:00:00"), Version: "10.4.0.0-14772-20240821-release"}}
		return a
	}},
	{"backup-in-cluster", func(l string) facts.Agent {
		a := wantBackup(l)
		a.Cluster = &facts.Cluster{
			Name: ptr("saturn"),
			Members: []facts.ClusterMember{
				{Address: "10.11.4.52", ID: ptr(212)},
				{Address: "dma-remote.example.local", AddressIsHostname: true, ID: ptr(40)},
			},
			HasFailoverConfig: ptr(false),
		}
		a.ClusterEndpoints.Endpoints = append(a.ClusterEndpoints.Endpoints,
			facts.ClusterEndpoint{IP: "10.11.7.20", AdditionalEndpoints: []string{"10.11.250.60"}})
		a.Redirects.Entries = []facts.Redirect{{To: "dma-remote.example.local", Via: ptr("https://dma-remote.example.local/APIGateway")}}
		return a
	}},
	{"backup-with-elements", func(l string) facts.Agent {
		a := wantBackup(l)
		a.ElementCount = ptr(2)
		a.DataMinerXML.ElementIDHint = ptr(12)
		return a
	}},
	{"backup-no-https", func(l string) facts.Agent {
		a := wantBackup(l)
		a.HTTPS = &facts.HTTPS{Enabled: ptr(false)}
		return a
	}},
	{"backup-swarming", func(l string) facts.Agent {
		a := wantBackup(l)
		a.Swarming = &facts.Swarming{SwarmingXMLPresent: true, SoftLaunchEnabled: ptr(true)}
		return a
	}},
	{"backup-broken-xml", func(l string) facts.Agent {
		a := wantBackup(l)
		a.DataMinerID, a.DataMinerXML, a.SAML = nil, nil, nil
		msg := "DataMiner.xml:11:20: XML syntax error: element <NetworkAdapters> closed by </NetworkAdapter>"
		a.Errors = map[string]string{"dataminer_id": msg, "dataminer_xml": msg, "saml": msg}
		return a
	}},
	{"backup-utf16", func(l string) facts.Agent {
		a := wantBackup(l)
		a.DBConfiguration.Path = ptr(`database\dbconfiguration.xml`)
		return a
	}},
	{"primary-indexing-clusters", func(l string) facts.Agent {
		a := wantPrimary(l)
		a.Database.Databases = append(a.Database.Databases, secondIndexingCluster("1", "127.0.22.32"))
		a.Database.Fingerprint = fpTwoIndexingClusters
		return a
	}},
	{"backup-indexing-priority", func(l string) facts.Agent {
		a := wantBackup(l)
		a.Database.Databases[1].PriorityOrder = ptr("1")
		a.Database.Databases = append(a.Database.Databases, secondIndexingCluster("0", "127.0.22.32"))
		a.Database.Fingerprint = fpTwoIndexingClusters
		return a
	}},
	{"backup-indexing-other-host", func(l string) facts.Agent {
		a := wantBackup(l)
		a.Database.Databases = append(a.Database.Databases, secondIndexingCluster("1", "127.0.22.99"))
		a.Database.Fingerprint = fpOtherIndexingHost
		return a
	}},
	{"backup-cube-upgrade-history", func(l string) facts.Agent {
		// Read newest first, without the two title lines: installed 10.3, now 10.4.
		a := wantBackup(l)
		a.Version = historyVersion("2024-03-14 08:12:40 => 10.4.0.0-14511-20240222-release", 14511)
		a.InstallHistory.Entries = []facts.HistoryEntry{
			{Timestamp: ptr("2024-03-12 10:40:03"), Version: "10.3.0.0-13159-20230905-release"},
			{Timestamp: ptr("2024-03-14 08:12:40"), Version: "10.4.0.0-14511-20240222-release"},
		}
		return a
	}},
	{"primary-hotfix", func(l string) facts.Agent {
		a := wantPrimary(l)
		a.Version = &dmversion.Version{Raw: "2024-04-02 07:30:00;HF_10.4.0.0(CU0)_20240329-101500", Source: "versionhistory",
			Major: 10, Minor: 4, CU: ptr(0), Track: dmversion.TrackMain, Hotfix: true}
		a.InstallHistory.Entries = append(a.InstallHistory.Entries,
			facts.HistoryEntry{Timestamp: ptr("2024-04-02 07:30:00"), Version: "HF_10.4.0.0(CU0)_20240329-101500"})
		return a
	}},
	{"backup-hotfix-word", func(l string) facts.Agent {
		// The last line says only "Hotfix": the version is the line before, with a hotfix.
		a := wantBackup(l)
		a.Version.Hotfix = true
		a.InstallHistory.Entries = append(a.InstallHistory.Entries,
			facts.HistoryEntry{Timestamp: ptr("2024-04-02 07:45:00"), Version: "Hotfix"})
		return a
	}},
	{"backup-brokergateway-soft-launch", func(l string) facts.Agent {
		a := wantBackup(l)
		a.Version = &dmversion.Version{Raw: "2025-01-20 11:00:00;10.5.2.0-15230-20250110-release", Source: "versionhistory",
			Major: 10, Minor: 5, Patch: 2, Build: ptr(15230), Track: dmversion.TrackFeature}
		a.InstallHistory.Entries = []facts.HistoryEntry{{Timestamp: ptr("2025-01-20 11:00:00"), Version: "10.5.2.0-15230-20250110-release"}}
		a.BrokerGateway, a.BrokerGatewayAbsent, a.BrokerGatewaySoftLaunch = ptr(false), true, ptr(true)
		return a
	}},
	{"backup-db-localhost", func(l string) facts.Agent {
		a := wantBackup(l)
		search := elasticsearch()
		search.Servers = []string{"localhost"}
		a.Database = dedicatedClustered(cassandraCluster(), search)
		a.Database.Fingerprint = fpDatabasesLocalhost
		return a
	}},
	{"backup-okta-sp-metadata", func(l string) facts.Agent {
		a := wantBackup(l)
		a.SAML.AssertionConsumerServices = []facts.AssertionConsumerService{
			{Location: "https://10.11.250.44/API/", Index: ptr(0), IsDefault: ptr(false)},
		}
		return a
	}},
	{"primary-namespaced-xml", func(l string) facts.Agent {
		a := wantPrimary(l)
		// Same settings in another spelling: only the order of the databases, and where
		// DBConfiguration.xml is, differ.
		a.Database.Databases = []facts.DatabaseEntry{elasticsearch(), cassandraCluster()}
		a.DBConfiguration.Path = ptr(`databases\dbconfiguration.xml`)
		return a
	}},
}

func readFixture(t testing.TB, name string) facts.Agent {
	t.Helper()
	return Read(os.DirFS(filepath.Join(agentsDir, name)), "testdata/agents/"+name)
}

func TestReadFixtures(t *testing.T) {
	t.Parallel()
	for _, tc := range fixtures {
		t.Run(tc.name, func(t *testing.T) {
			got := readFixture(t, tc.name)
			if diff := cmp.Diff(tc.want("testdata/agents/"+tc.name), got); diff != "" {
				t.Errorf("Read(%s) mismatch (-want +got):\n%s", tc.name, diff)
			}
		})
	}
}

// TestEveryFixtureFolderIsTested keeps the table and testdata/agents in step.
func TestEveryFixtureFolderIsTested(t *testing.T) {
	t.Parallel()
	entries, err := os.ReadDir(agentsDir)
	if err != nil {
		t.Fatal(err)
	}
	tested := map[string]bool{}
	for _, tc := range fixtures {
		tested[tc.name] = true
	}
	for _, e := range entries {
		if e.IsDir() && !tested[e.Name()] {
			t.Errorf("testdata/agents/%s has no entry in fixtures", e.Name())
		}
	}
}

// wrap puts an agent's facts, as both agents, into a minimal valid fact document.
func wrap(t testing.TB, a facts.Agent) []byte {
	t.Helper()
	doc := facts.Facts{
		SchemaVersion: facts.SchemaVersion,
		Intent:        facts.Intent{VirtualIPs: []string{"10.11.250.44"}},
		Agents:        facts.Agents{Primary: a, Backup: a},
	}
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	return data
}

func validate(t testing.TB, data []byte) {
	t.Helper()
	doc, err := facts.DecodeBytes(data, "facts.json")
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	violations, err := facts.Validate(doc)
	if err != nil {
		t.Fatalf("validate: %v", err)
	}
	for _, v := range violations {
		t.Errorf("schema violation: %s", v)
	}
	if len(violations) > 0 {
		t.Logf("document: %s", data)
	}
}

func TestFixturesValidateAgainstSchema(t *testing.T) {
	t.Parallel()
	for _, tc := range fixtures {
		t.Run(tc.name, func(t *testing.T) {
			validate(t, wrap(t, readFixture(t, tc.name)))
		})
	}
	t.Run("empty folder", func(t *testing.T) {
		validate(t, wrap(t, Read(os.DirFS(t.TempDir()), "empty")))
	})
}

func TestNoPlantedSecretInFacts(t *testing.T) {
	t.Parallel()
	// The secrets must be in the fixtures, or this test proves nothing.
	var all strings.Builder
	err := filepath.WalkDir(agentsDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Dir(p) == agentsDir {
			return err // only files inside a fixture folder count
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		text, _, _ := decodeText(data)
		all.Write(text)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range plantedSecrets {
		if !strings.Contains(all.String(), s) {
			t.Errorf("secret %s is planted in no fixture", s)
		}
	}

	for _, tc := range fixtures {
		t.Run(tc.name, func(t *testing.T) {
			doc := string(wrap(t, readFixture(t, tc.name)))
			for _, s := range plantedSecrets {
				if strings.Contains(doc, s) {
					t.Errorf("secret %s appears in the facts", s)
				}
			}
			if strings.Contains(doc, "PLANTED") {
				t.Errorf("a planted value appears in the facts: %s", doc)
			}
			for _, name := range []string{"dmuser", "dmsync"} { // user names are not facts either
				if strings.Contains(doc, name) {
					t.Errorf("user name %s appears in the facts", name)
				}
			}
		})
	}
}

func TestPairFingerprintsAgree(t *testing.T) {
	t.Parallel()
	p, b := readFixture(t, "primary"), readFixture(t, "backup")
	checks := []struct{ what, p, b string }{
		{"ExternalAuthentication", p.DataMinerXML.ExternalAuthentication.Fingerprint, b.DataMinerXML.ExternalAuthentication.Fingerprint},
		{"AzureAD", p.DataMinerXML.AzureAD.Fingerprint, b.DataMinerXML.AzureAD.Fingerprint},
		{"DB.xml", p.Database.Fingerprint, b.Database.Fingerprint},
		{"DBConfiguration.xml", *p.DBConfiguration.FingerprintWithoutPriority, *b.DBConfiguration.FingerprintWithoutPriority},
	}
	for _, c := range checks {
		if c.p != c.b {
			t.Errorf("%s: primary %s, backup %s; the files differ only in secrets and priorityOrder", c.what, c.p, c.b)
		}
	}
}

func BenchmarkRead(b *testing.B) {
	fsys := os.DirFS(filepath.Join(agentsDir, "primary"))
	b.ReportAllocs()
	for b.Loop() {
		Read(fsys, "primary")
	}
}
