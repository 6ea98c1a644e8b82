//go:build ignore

// make_fixtures writes the variant agent folders under testdata/agents from the two
// hand-written ones, primary/ and backup/. Run it from this directory after changing
// either:
//
//	go run make_fixtures.go
//
// The folders it writes are committed; the tests read them, not this program.
package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
)

const root = "../../testdata/agents"

func main() {
	variant("backup-other-id", "backup", func(dir string) {
		replace(dir, "DataMiner.xml", `<DataMiner id="212"`, `<DataMiner id="213"`)
	})
	variant("backup-other-version", "backup", func(dir string) {
		write(dir, "Upgrades/VersionHistory.txt", "2024-08-22 08:00:00;10.4.0.0-14772-20240821-release\n")
	})
	variant("backup-in-cluster", "backup", func(dir string) {
		write(dir, "DMS.xml", `<?xml version="1.0" encoding="utf-8"?>
<DMS errorTime="30000" synchronized="true" xmlns="http://www.skyline.be/config/dms">
  <Cluster name="saturn"/>
  <DMA ip="10.11.4.52" id="212" timestamp=""/>
  <DMA ip="dma-remote.example.local" id="40" timestamp="2025-02-01 10:00:00" contacted_once="TRUE" lostContact=""/>
  <Redirects>
    <Redirect to="dma-remote.example.local" via="https://dma-remote.example.local/APIGateway" user="dmsync" pwd="PLANTED-REDIRECT-PWD-77d3"/>
  </Redirects>
</DMS>
`)
		write(dir, "Configurations/ClusterEndpoints.json", `{"Endpoints":[{"IP":"10.11.4.52","IgnitionValue":1,"AdditionalEndpoints":[]},{"IP":"10.11.7.20","IgnitionValue":2,"AdditionalEndpoints":["10.11.250.60"]}]}
`)
	})
	variant("backup-with-elements", "backup", func(dir string) {
		replace(dir, "DataMiner.xml", `elementid="0"`, `elementid="12"`)
		remove(dir, "Elements/.gitkeep")
		write(dir, "Elements/Router 11/Router 11.xml", `<Element name="Router 11" protocol="Generic Router" version="2.0.0.1"/>`+"\n")
		write(dir, "Elements/Switch 12/Switch 12.xml", `<Element name="Switch 12" protocol="Generic Switch" version="1.1.0.4"/>`+"\n")
		write(dir, "Elements/readme.txt", "A file, not an element folder: not counted.\n")
	})
	variant("backup-no-https", "backup", func(dir string) {
		replace(dir, "MaintenanceSettings.xml", `  <HTTPS enabled="true" name="dma-backup.example.local"/>`+"\n", "")
	})
	variant("backup-swarming", "backup", func(dir string) {
		write(dir, "Swarming.xml", `<?xml version="1.0" encoding="utf-8"?>
<Swarming enabled="true"/>
`)
		write(dir, "SoftLaunchOptions.xml", `<?xml version="1.0" encoding="utf-8"?>
<SoftLaunchOptions>
  <SLNet>
    <Swarming>true</Swarming>
  </SLNet>
</SoftLaunchOptions>
`)
	})
	variant("backup-broken-xml", "backup", func(dir string) {
		// </NetworkAdapter> closes <NetworkAdapters>: line 11.
		replace(dir, "DataMiner.xml", "  </NetworkAdapters>\n", "  </NetworkAdapter>\n")
	})
	variant("backup-utf16", "backup", func(dir string) {
		// Every name in lower case; DataMiner.xml and DMS.xml in UTF-16 LE with a byte
		// order mark, declaring encoding="utf-16", as PowerShell's Out-File writes them.
		for _, name := range []string{"DataMiner.xml", "DMS.xml"} {
			replace(dir, name, `encoding="utf-8"`, `encoding="utf-16"`)
			utf16LE(dir, name)
		}
		lowerNames(dir)
	})
	// Two indexing clusters in DB.xml (from 10.4.0/10.4.2). The preparation page lets the
	// agents give them different priorityOrder values, so primary-indexing-clusters and
	// backup-indexing-priority are copies for FO602; backup-indexing-other-host is not.
	variant("primary-indexing-clusters", "primary", func(dir string) {
		replace(dir, "DB.xml", "</DataBases>", secondIndexingCluster("1", "127.0.22.31,127.0.22.32"))
	})
	variant("backup-indexing-priority", "backup", func(dir string) {
		replace(dir, "DB.xml", `ID="search-a" priorityOrder="0"`, `ID="search-a" priorityOrder="1"`)
		replace(dir, "DB.xml", "</DataBases>", secondIndexingCluster("0", "127.0.22.31,127.0.22.32"))
	})
	variant("backup-indexing-other-host", "backup", func(dir string) {
		replace(dir, "DB.xml", "</DataBases>", secondIndexingCluster("1", "127.0.22.31,127.0.22.99"))
	})
	// Checking the upgrade history of a DataMiner Agent: Cube's About > Versions shows the
	// history under a title and a dashed rule, newest first, with "=>".
	variant("backup-cube-upgrade-history", "backup", func(dir string) {
		write(dir, "Upgrades/VersionHistory.txt", `Upgrade History
---------------
2024-03-14 08:12:40 => 10.4.0.0-14511-20240222-release
2024-03-12 10:40:03 => 10.3.0.0-13159-20230905-release
`)
	})
	// Release notes 10.0.10 / 10.0.0 [CU5] (ID 26067): a hotfix writes its version string
	// ("HF_..."), and before that fix sometimes only the word "Hotfix".
	variant("primary-hotfix", "primary", func(dir string) {
		write(dir, "Upgrades/VersionHistory.txt", `2023-11-02 09:14:27;10.3.0.0-13159-20230905-release
2024-03-11 16:02:51;10.4.0.0-14511-20240222-release
2024-04-02 07:30:00;HF_10.4.0.0(CU0)_20240329-101500
`)
	})
	variant("backup-hotfix-word", "backup", func(dir string) {
		write(dir, "Upgrades/VersionHistory.txt", `2024-03-12 10:40:03;10.4.0.0-14511-20240222-release
2024-04-02 07:45:00;Hotfix
`)
	})
	// Overview of soft-launch options (BrokerGateway, 10.4.1 until 10.5.5/10.5.0 [CU2]) and
	// Migrating to BrokerGateway: the option in SoftLaunchOptions.xml, none in
	// MaintenanceSettings.xml.
	variant("backup-brokergateway-soft-launch", "backup", func(dir string) {
		write(dir, "Upgrades/VersionHistory.txt", "2025-01-20 11:00:00;10.5.2.0-15230-20250110-release\n")
		replace(dir, "MaintenanceSettings.xml", "    <BrokerGateway>true</BrokerGateway>\n", "")
		write(dir, "SoftLaunchOptions.xml", `<?xml version="1.0" encoding="utf-8"?>
<SoftLaunchOptions>
  <SLNet>
    <BrokerGateway>true</BrokerGateway>
  </SLNet>
</SoftLaunchOptions>
`)
	})
	// Configuring multiple OpenSearch clusters: DB.xml names the agent's own indexing
	// database as "localhost".
	variant("backup-db-localhost", "backup", func(dir string) {
		replace(dir, "DB.xml", "127.0.21.21:9200,127.0.21.22,127.0.21.23", "localhost")
	})
	// SAML using Okta: the SP metadata template has one AssertionConsumerService, with
	// isDefault="false" (own address here).
	variant("backup-okta-sp-metadata", "backup", func(dir string) {
		write(dir, "spMetadata.xml", `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="https://10.11.250.44/API/" validUntil="2050-01-04T10:00:00.000Z">
  <md:SPSSODescriptor AuthnRequestsSigned="false" WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://10.11.250.44/API/" index="0" isDefault="false"/>
  </md:SPSSODescriptor>
</md:EntityDescriptor>
`)
	})
	variant("primary-namespaced-xml", "primary", func(dir string) {
		// Namespaces and prefixes, element, attribute and boolean spellings in mixed
		// case, CRLF line ends, a UTF-8 byte order mark, and DBConfiguration.xml where
		// the preparation page puts it (Databases\), in lower case. Same settings as
		// primary/, so every fingerprint must equal primary's.
		write(dir, "DataMiner.xml", "\uFEFF"+`<?xml version="1.0" encoding="utf-8"?>
<dm:DataMiner xmlns:dm="http://www.skyline.be/config/dataminer" ID="212" ElementID="37">
  <dm:DMA publicDNS="">
    <dm:DMAName mode="automatic">DMA-MAIN</dm:DMAName>
  </dm:DMA>
  <dm:DaaS Enabled="FALSE"/>
  <dm:networkadapters>
    <dm:Mac>b0-83-fe-b3-f8-0b</dm:Mac>
    <dm:Mac>E8EE7ACA97B0</dm:Mac>
  </dm:networkadapters>
  <dm:IP SkipMac="12:34:56:78:90:ab; 0A-0B-0C-0D-0E-0F"/>
  <dm:externalAuthentication spMetadata="C:\Skyline DataMiner\spMetadata.xml" type="SAML" timeout="300" ipMetadata="https://login.microsoftonline.com/6f1d2c3b-0000-4000-8000-000000000001/federationmetadata/2007-06/federationmetadata.xml" SharedSecret="PLANTED-SHARED-SECRET-a4d2">
    <dm:AutomaticUserCreation enabled="True">
      <dm:Groups claims="TRUE">
        http://schemas.microsoft.com/ws/2008/06/identity/claims/groups
      </dm:Groups>
      <dm:EmailClaim>http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress</dm:EmailClaim>
      <dm:Givenname>http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname</dm:Givenname>
      <dm:Surname>http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname</dm:Surname>
    </dm:AutomaticUserCreation>
  </dm:externalAuthentication>
  <dm:AzureAd ClientSecret="PLANTED-CLIENT-SECRET-77c1" clientId="0c9e8d7f-0000-4000-8000-000000000003" objectId="a1b2c3d4-0000-4000-8000-000000000002" tenantId="6f1d2c3b-0000-4000-8000-000000000001"/>
</dm:DataMiner>
`)
		write(dir, "DMS.xml", `<?xml version="1.0" encoding="utf-8"?>
<d:DMS xmlns:d="http://www.skyline.be/config/dms" errorTime="30000" synchronized="TRUE">
  <d:cluster Name="pluto"/>
  <d:dma IP="10.11.5.52" ID="212" timestamp=""/>
  <d:dma IP="10.11.6.10" ID="35" timestamp="2025-01-05 01:24:38" contacted_once="TRUE" lostContact=""/>
  <d:Redirects>
    <d:Redirect to="10.11.6.10" via="https://10.11.6.10/APIGateway" user="dmsync" PWD="PLANTED-REDIRECT-PWD-c3f0"/>
  </d:Redirects>
</d:DMS>
`)
		write(dir, "MaintenanceSettings.xml", `<?xml version="1.0" encoding="utf-8"?>
<MaintenanceSettings xmlns="http://www.skyline.be/config/maintenancesettings">
  <Https Enabled="TRUE" Name="dma-main.example.local"/>
  <slnet>
    <brokergateway> True </brokergateway>
  </slnet>
</MaintenanceSettings>
`)
		write(dir, "DB.xml", `<?xml version="1.0" encoding="utf-8"?>
<db:DataBases xmlns:db="http://www.skyline.be/config/db">
  <db:Database search="TRUE" active="True" type="Elasticsearch" id="search-a" PriorityOrder="0">
    <db:dbserver>127.0.21.21:9200,127.0.21.22,127.0.21.23</db:dbserver>
    <db:uid>admin</db:uid>
    <db:pwd>PLANTED-PWD-e71b</db:pwd>
  </db:Database>
  <db:Database Active="TRUE" Local="TRUE" Type="CassandraCluster" ConsistencyLevel="Quorum">
    <db:DbServer>127.0.20.11,127.0.20.12, 127.0.20.13</db:DbServer>
    <db:DB>sldmadb</db:DB>
    <db:UID>dmuser</db:UID>
    <db:PWD>PLANTED-PWD-3f9a</db:PWD>
    <db:TlsEnabled>TRUE</db:TlsEnabled>
    <db:SkipCommitLog>False</db:SkipCommitLog>
  </db:Database>
</db:DataBases>
`)
		remove(dir, "Database")
		copyFile(filepath.Join(root, "primary/Database/DBConfiguration.xml"), filepath.Join(dir, "databases/dbconfiguration.xml"))
		crlf(dir)
	})
}

// variant rebuilds testdata/agents/name as a copy of from, changed by edit.
func variant(name, from string, edit func(dir string)) {
	dir := filepath.Join(root, name)
	check(os.RemoveAll(dir))
	src := filepath.Join(root, from)
	check(filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		check(err)
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		copyFile(p, filepath.Join(dir, rel))
		return nil
	}))
	edit(dir)
	fmt.Println("wrote", dir)
}

func copyFile(from, to string) {
	data, err := os.ReadFile(from)
	check(err)
	check(os.MkdirAll(filepath.Dir(to), 0o755))
	check(os.WriteFile(to, data, 0o644))
}

// secondIndexingCluster is a second <DataBase search="true"> with the given priorityOrder
// and hosts, followed by the closing </DataBases> it replaces.
func secondIndexingCluster(priority, hosts string) string {
	return `  <DataBase active="true" search="true" type="Elasticsearch" ID="search-b" priorityOrder="` + priority + `">
    <DBServer>` + hosts + `</DBServer>
    <UID>admin</UID>
    <PWD>PLANTED-PWD-second-4c21</PWD>
    <FileOffloadIdentifier>cluster2</FileOffloadIdentifier>
  </DataBase>
</DataBases>`
}

func write(dir, name, content string) {
	p := filepath.Join(dir, name)
	check(os.MkdirAll(filepath.Dir(p), 0o755))
	check(os.WriteFile(p, []byte(content), 0o644))
}

func remove(dir, name string) { check(os.RemoveAll(filepath.Join(dir, name))) }

func replace(dir, name, old, new string) {
	p := filepath.Join(dir, name)
	data, err := os.ReadFile(p)
	check(err)
	if !bytes.Contains(data, []byte(old)) {
		log.Fatalf("%s: %q not found", p, old)
	}
	check(os.WriteFile(p, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644))
}

// utf16LE re-encodes a file as UTF-16 little endian with a byte order mark.
func utf16LE(dir, name string) {
	p := filepath.Join(dir, name)
	data, err := os.ReadFile(p)
	check(err)
	var out bytes.Buffer
	out.Write([]byte{0xFF, 0xFE})
	for _, u := range utf16.Encode([]rune(string(data))) {
		check(binary.Write(&out, binary.LittleEndian, u))
	}
	check(os.WriteFile(p, out.Bytes(), 0o644))
}

// crlf turns the line ends of every text file in dir into CRLF.
func crlf(dir string) {
	check(filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		check(err)
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		check(err)
		data = bytes.ReplaceAll(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
		return os.WriteFile(p, data, 0o644)
	}))
}

// lowerNames renames every file and folder below dir to lower case, deepest first.
func lowerNames(dir string) {
	var paths []string
	check(filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		check(err)
		if p != dir {
			paths = append(paths, p)
		}
		return nil
	}))
	for i := len(paths) - 1; i >= 0; i-- {
		p := paths[i]
		lower := filepath.Join(filepath.Dir(p), strings.ToLower(filepath.Base(p)))
		if lower != p {
			check(os.Rename(p, lower))
		}
	}
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
