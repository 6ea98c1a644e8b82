package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// storageColumns are the storage requirements, in the order of storageCases' verdicts.
var storageColumns = []string{
	"FO601", "FO602", "FO603", "FO604", "FO605", "FO606", "FO607", "FO608", "FO609", "FO610", "FO611",
}

// The DB.xml files below are the documentation's examples, written as the pages show them:
// the DB.xml reference (general, offload, indexing and CMDB settings), Adding a DMA to a DMS
// running STaaS (with and without proxy), Configuring multiple OpenSearch clusters (from
// 10.4.0/10.4.2) and the Failover preparation page (copy <DataBases>, PWD placeholders).
const (
	dbXMLHeader = `<?xml version="1.0"?>` + "\r\n" + `<DataBases xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
		`xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns="http://www.skyline.be/config/db">` + "\r\n"

	staasDB = dbXMLHeader +
		`   <DataBase active="true" local="true" search="true" cloud="true" type="CloudStorage"/>` + "\r\n" +
		"</DataBases>\r\n"

	staasProxyDB = dbXMLHeader +
		`   <DataBase active="true" local="true" search="true" cloud="true" type="CloudStorage">
      <Proxy>
         <Address>[Enter Address Here]</Address>
         <Port>[Enter Port Here]</Port>
         <UserName>[Enter UserName Here]</UserName>
         <Password>[Enter Password Here]</Password>
      </Proxy>
   </DataBase>
</DataBases>
`

	// dedicatedDB is the reference's "example of a general database configuration"; the
	// primary's <PWD> holds the GUID placeholder DataMiner writes (see dedicatedPrimary).
	dedicatedGeneral = ` <DataBase active="true" local="true" type="CassandraCluster" consistencyLevel="Quorum">
 <DBServer>localhost,10.3.1.100</DBServer>
 <DB>sldmadb</DB>
 <UID>root</UID>
 <PWD>root</PWD>
 </DataBase>
`
	dedicatedSearch = ` <DataBase active="true" search="true" type="Elasticsearch">
 <DBServer>localhost:9200,10.3.1.100</DBServer>
 <UID>root</UID>
 <PWD/>
 </DataBase>
`
	dedicatedDB = dbXMLHeader + dedicatedGeneral + dedicatedSearch + "</DataBases>\n"

	// twoClusters are the multiple OpenSearch clusters of DB.xml from 10.4.0/10.4.2, as the
	// page shows them (both with ID="0").
	twoClusters = `     <!-- Reads will be handled by the ElasticCluster with the lowest priorityOrder -->
     <DataBase active="true" search="true" ID="0" priorityOrder="0" type="ElasticSearch">
         <DBServer>localhost</DBServer>
         <UID />
         <PWD>root</PWD>
         <DB>dms</DB>
         <FileOffloadIdentifier>cluster1</FileOffloadIdentifier>
     </DataBase>
     <DataBase active="true" search="true" ID="0" priorityOrder="1" type="ElasticSearch">
         <DBServer>10.11.1.44,10.11.2.44,10.11.3.44</DBServer>
         <UID />
         <PWD>root</PWD>
         <DB>dms</DB>
         <FileOffloadIdentifier>cluster2</FileOffloadIdentifier>
     </DataBase>
`
	twoClustersDB = "<DataBases>\n" + dedicatedGeneral + twoClusters + "</DataBases>\n"

	// offloadAndCMDB are the reference's offload (MSSQL, Oracle) and CMDB databases, which
	// have no say in the storage architecture.
	offloadAndCMDB = `  <DataBase active="true" local="false" type="MSSQL">
    <ConnectString></ConnectString>
    <Server></Server>
    <DBServer></DBServer>
    <DSN></DSN>
    <DB>SLDMSDB</DB>
    <UID>root</UID>
    <PWD></PWD>
    <RemoteFileShare path="\\MyDbServer\DataMinerOffload\" uid="MyFolderLogonName" pwd="MyFolderLogonPwd"  ` +
		`localPath="C:\Documents and Settings\All Users\Documents\DataminerOffload\" />
    <Offloads>
      <Offload state="active" local="data"/>
      <Offload state="active" local="alarm"/>
    </Offloads>
  </DataBase>
  <DataBase active="TRUE" local="false" type="oracle">
    <ConnectString>
      Data Source=(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=myServer)(PORT=1521)) ` +
		`(CONNECT_DATA=(SERVICE_NAME=myOracleDb)));
    </ConnectString>
  </DataBase>
  <DataBase active="true" name="MySqlSvrCmdb" type="mssql"> <ConnectString></ConnectString> ` +
		`<Server>10.10.51.1</Server> <DBServer>10.10.51.1</DBServer> <DSN></DSN> <DB>DMSConfiguration</DB> ` +
		`<UID>MyUserName</UID> <PWD>MyPassword</PWD> </DataBase>
`

	// separateDB is a Cassandra database on the agent itself (the SkipCommitLog example
	// without SkipCommitLog); separateTLSDB is the reference's TLS example.
	separateDB = `<DataBases xmlns="http://www.skyline.be/config/db">
  <DataBase active="true" type="Cassandra" local="true">
    <DBServer>localhost</DBServer>
  </DataBase>
</DataBases>
`
	separateTLSDB = `<DataBases xmlns="http://www.skyline.be/config/db">
     <DataBase active="true" local="true" type="Cassandra">
      <DBServer>10.10.10.10</DBServer>
      <UID>myUserId</UID>
      <PWD>myPassword</PWD>
      <DB>SLDMADB</DB>
      <TLSEnabled>true</TLSEnabled>
     </DataBase>
</DataBases>
`
	// indexingDB is the reference's indexing database with custom credentials.
	indexingDB = `   <DataBase active="true" search="true" type="Elasticsearch">
    <DBServer>10.11.51.58</DBServer>
    <UID>username</UID>
    <PWD>password123</PWD>
   </DataBase>
`
	skipCommitLogDB = `<DataBases xmlns="http://www.skyline.be/config/db">
  <DataBase active="true" type="Cassandra" local="true">
    <DBServer>localhost</DBServer>
    <SkipCommitLog>True</SkipCommitLog>
  </DataBase>
</DataBases>
`
	mysqlDB = `<DataBases>
  <DataBase active="true" local="true" type="MySQL">
    <Maintenance monthsToKeep="12">
      <SkipTableUpdates>
        <SkipTableUpdate table="data_3012"/>
        <SkipTableUpdate table="dataavg_3012"/>
      </SkipTableUpdates>
    </Maintenance>
  </DataBase>
</DataBases>
`
	// untypedDB has no type attribute: MySQL, says the reference.
	untypedDB = "<DataBases>\n" +
		`<DataBase active="TRUE" local="true" slowquery="5"> ... </DataBase>` + "\n</DataBases>\n"

	mssqlDB = `<DataBases xmlns="http://www.skyline.be/config/db">
  <DataBase active="true" local="true" type="MSSQL">
    <DB>SLDMADB</DB>
    <UID>root</UID>
    <PWD></PWD>
  </DataBase>
</DataBases>
`
	// dbConfigurationXML is the multiple OpenSearch clusters page's DBConfiguration.xml
	// (prior to 10.4.0/10.4.2).
	dbConfigurationXML = `<DatabaseConfiguration>
   <SearchConfiguration>
      <ElasticConnections>
         <ElasticCluster priorityOrder="0">
            <Hosts>localhost</Hosts>
            <Username />
            <Password>root</Password>
            <Prefix>dms</Prefix>
            <FileOffloadIdentifier>cluster1</FileOffloadIdentifier>
         </ElasticCluster>
         <ElasticCluster priorityOrder="1">
            <Hosts>10.11.1.44,10.11.2.44,10.11.3.44</Hosts>
            <Username />
            <Password>root</Password>
            <Prefix>dms</Prefix>
            <FileOffloadIdentifier>cluster2</FileOffloadIdentifier>
         </ElasticCluster>
      </ElasticConnections>
   </SearchConfiguration>
</DatabaseConfiguration>
`
)

// withDatabases adds <DataBase> elements at the end of a DB.xml.
func withDatabases(dbxml, databases string) string {
	return strings.Replace(dbxml, "</DataBases>", databases+"</DataBases>", 1)
}

// dedicatedTLS is dedicatedDB with <TLSEnabled> on its Cassandra cluster.
func dedicatedTLS(value string) string {
	return strings.Replace(dedicatedDB, "<DB>sldmadb</DB>\n", "<DB>sldmadb</DB>\n <TLSEnabled>"+value+"</TLSEnabled>\n", 1)
}

// guidPWD gives every <PWD> a value the way DataMiner rewrites it after its start: the
// primary's DB.xml holds placeholders, the copy on the backup the plain passwords.
func guidPWD(dbxml string) string {
	r := strings.NewReplacer("<PWD>root</PWD>", "<PWD>{5b1b0b8e-6a53-4bb5-9f2d-6c0f2f1e8a11}</PWD>",
		"<PWD/>", "<PWD>{0c6a5b90-2f3e-4a8d-b6a1-1d2e3f4a5b6c}</PWD>")
	return r.Replace(dbxml)
}

const (
	// Both fixtures run 10.4.0 (Main Release, no CU): DB.xml configures the indexing
	// clusters (FO603 skips) and a STaaS proxy is not yet supported (10.4.5/10.5.0).
	history103 = "2023-02-14 09:00:00;10.3.0.0-12850-CU9\r\n"
	history102 = "2023-02-14 09:00:00;10.2.0.0-11517-CU0\r\n"
	history105 = "2025-02-14 09:00:00;10.5.0.0-14650-CU0\r\n"
)

// storageCases are the documented storage architectures written into copies of the primary
// and backup fixtures (files named by path; an empty content removes the file), with the
// verdicts of storageColumns that the requirements' METADATA and the documentation give.
// With --skip-network, FO604 and FO606 are unknown wherever they apply; FO605 (Cassandra's
// service and version) and FO611 (CcaGatewayPersisted, NodeId.txt) rest on host facts no
// folder holds, so they are unknown wherever they apply unless DB.xml alone fails them.
var storageCases = []struct {
	name            string
	primary, backup map[string]string
	want            string
}{
	// FO601 FO602 FO603 FO604 FO605 FO606 FO607 FO608 FO609 FO610 FO611
	{"STaaS on both", map[string]string{"DB.xml": staasDB}, map[string]string{"DB.xml": staasDB},
		"pass skip skip skip skip skip skip skip pass skip unknown"},
	{"STaaS proxy before 10.4.5/10.5.0", map[string]string{"DB.xml": staasProxyDB},
		map[string]string{"DB.xml": staasProxyDB},
		"pass skip skip skip skip skip skip skip pass skip fail"},
	{"STaaS proxy on 10.5.0",
		map[string]string{"DB.xml": staasProxyDB, "Upgrades/VersionHistory.txt": history105},
		map[string]string{"DB.xml": staasProxyDB, "Upgrades/VersionHistory.txt": history105},
		"pass skip skip skip skip skip skip skip pass skip unknown"},
	// The backup kept the DB.xml of its installation (the fixture's CassandraCluster).
	{"STaaS, backup not prepared", map[string]string{"DB.xml": staasDB}, nil,
		"fail fail skip unknown skip skip skip pass pass skip fail"},
	{"dedicated, DB.xml copied", map[string]string{"DB.xml": guidPWD(dedicatedDB)},
		map[string]string{"DB.xml": dedicatedDB},
		"pass pass skip unknown skip skip skip pass pass skip skip"},
	// The preparation page pastes into db.xml, in lower case.
	{"dedicated, copied into db.xml", map[string]string{"DB.xml": guidPWD(dedicatedDB)},
		map[string]string{"DB.xml": "", "db.xml": dedicatedDB},
		"pass pass skip unknown skip skip skip pass pass skip skip"},
	{"dedicated, backup lacks a Cassandra node", map[string]string{"DB.xml": guidPWD(dedicatedDB)},
		map[string]string{"DB.xml": strings.Replace(dedicatedDB, "localhost,10.3.1.100", "localhost", 1)},
		"pass fail skip unknown skip skip skip pass pass skip skip"},
	{"dedicated, with offload and CMDB databases",
		map[string]string{"DB.xml": guidPWD(withDatabases(dedicatedDB, offloadAndCMDB))},
		map[string]string{"DB.xml": withDatabases(dedicatedDB, offloadAndCMDB)},
		"pass pass skip unknown skip skip skip pass pass skip skip"},
	// The preparation page lets the agents give the clusters another priorityOrder.
	{"dedicated, two indexing clusters in DB.xml, priorities swapped",
		map[string]string{"DB.xml": guidPWD(twoClustersDB)},
		map[string]string{"DB.xml": strings.NewReplacer(`priorityOrder="0"`, `priorityOrder="1"`,
			`priorityOrder="1"`, `priorityOrder="0"`).Replace(twoClustersDB)},
		"pass pass skip unknown skip skip skip pass pass skip skip"},
	{"dedicated, two indexing clusters before 10.4.0/10.4.2, DBConfiguration.xml copied",
		map[string]string{"DB.xml": guidPWD(dedicatedDB), "Upgrades/VersionHistory.txt": history103,
			"Database/DBConfiguration.xml": dbConfigurationXML},
		map[string]string{"DB.xml": dedicatedDB, "Upgrades/VersionHistory.txt": history103,
			"Database/DBConfiguration.xml": dbConfigurationXML},
		"pass pass pass unknown skip skip skip pass pass skip skip"},
	{"dedicated, two indexing clusters before 10.4.0/10.4.2, backup lacks DBConfiguration.xml",
		map[string]string{"DB.xml": guidPWD(dedicatedDB), "Upgrades/VersionHistory.txt": history103,
			"Database/DBConfiguration.xml": dbConfigurationXML},
		map[string]string{"DB.xml": dedicatedDB, "Upgrades/VersionHistory.txt": history103,
			"Database/DBConfiguration.xml": ""},
		"pass pass fail unknown skip skip skip pass pass skip skip"},
	// The preparation page's Databases\ folder on both agents: one folder, equal files.
	{"dedicated, DBConfiguration.xml in Databases\\ on both",
		map[string]string{"DB.xml": guidPWD(dedicatedDB), "Upgrades/VersionHistory.txt": history103,
			"Database/DBConfiguration.xml": "", "Databases/DBConfiguration.xml": dbConfigurationXML},
		map[string]string{"DB.xml": dedicatedDB, "Upgrades/VersionHistory.txt": history103,
			"Database/DBConfiguration.xml": "", "Databases/DBConfiguration.xml": dbConfigurationXML},
		"pass pass pass unknown skip skip skip pass pass skip skip"},
	{"separate Cassandra", map[string]string{"DB.xml": separateDB}, map[string]string{"DB.xml": separateDB},
		"pass skip skip skip unknown unknown skip pass pass skip skip"},
	{"separate Cassandra, TLS on both", map[string]string{"DB.xml": separateTLSDB},
		map[string]string{"DB.xml": separateTLSDB},
		"pass skip skip skip unknown unknown skip pass pass pass skip"},
	{"separate Cassandra, TLS on the primary only", map[string]string{"DB.xml": separateTLSDB},
		map[string]string{"DB.xml": strings.Replace(separateTLSDB, "      <TLSEnabled>true</TLSEnabled>\n", "", 1)},
		"pass skip skip skip unknown unknown skip pass pass fail skip"},
	{"separate Cassandra, SkipCommitLog on the backup", map[string]string{"DB.xml": separateDB},
		map[string]string{"DB.xml": skipCommitLogDB},
		"pass skip skip skip unknown unknown skip fail pass skip skip"},
	{"separate Cassandra with indexing",
		map[string]string{"DB.xml": withDatabases(separateDB, indexingDB)},
		map[string]string{"DB.xml": withDatabases(separateDB, indexingDB)},
		"pass skip skip skip unknown unknown skip pass warn skip skip"},
	{"separate Cassandra, indexing on the primary only",
		map[string]string{"DB.xml": withDatabases(separateDB, indexingDB)},
		map[string]string{"DB.xml": separateDB},
		"fail skip skip skip unknown unknown skip pass warn skip skip"},
	{"MySQL from 10.3", map[string]string{"DB.xml": mysqlDB}, map[string]string{"DB.xml": mysqlDB},
		"pass skip skip skip skip skip fail skip pass skip skip"},
	// The fixtures' DBConfiguration.xml (two clusters, copied) is judged before 10.4.0.
	{"untyped general database (MySQL) before 10.3",
		map[string]string{"DB.xml": untypedDB, "Upgrades/VersionHistory.txt": history102},
		map[string]string{"DB.xml": untypedDB, "Upgrades/VersionHistory.txt": history102},
		"pass skip pass skip skip skip warn skip pass skip skip"},
	{"MSSQL primary, MySQL backup", map[string]string{"DB.xml": mssqlDB}, map[string]string{"DB.xml": mysqlDB},
		"fail skip skip skip skip skip fail skip pass skip skip"},
	// The fixture primary's DB.xml enables TLS; a backup without a readable DB.xml leaves
	// every requirement unknown but FO603, which both agents' 10.4.0 already settles.
	{"backup without DB.xml", nil, map[string]string{"DB.xml": ""},
		"unknown unknown skip unknown unknown unknown unknown unknown unknown unknown unknown"},
	{"backup's DB.xml does not parse", nil, map[string]string{"DB.xml": "<DataBases>\n  <DataBase>\n</DataBases>\n"},
		"unknown unknown skip unknown unknown unknown unknown unknown unknown unknown unknown"},
	// A <TLSEnabled> DataMiner would not read as true or false: whether the backup's
	// connection uses TLS, and so whether DB.xml is a copy, cannot be told.
	{"backup's TLSEnabled is not a boolean", map[string]string{"DB.xml": guidPWD(dedicatedTLS("true"))},
		map[string]string{"DB.xml": dedicatedTLS("yes")},
		"unknown unknown skip unknown unknown unknown unknown unknown unknown unknown unknown"},
	// Only the indexing clusters, as the multiple OpenSearch clusters page shows them: no
	// general database, so no architecture.
	{"no general database", map[string]string{"DB.xml": "<DataBases>\n" + twoClusters + "</DataBases>\n"},
		map[string]string{"DB.xml": "<DataBases>\n" + twoClusters + "</DataBases>\n"},
		"unknown unknown skip unknown unknown unknown unknown skip unknown skip unknown"},
}

// TestCheckFolderStorage: each storage architecture the documentation describes, written
// into the agents' folders as the pages show its DB.xml, gets the FO601-FO611 verdicts the
// requirements and the documentation give.
func TestCheckFolderStorage(t *testing.T) {
	t.Parallel()
	var only []string
	for _, id := range storageColumns {
		only = append(only, "--only", id)
	}
	for _, tc := range storageCases {
		primary := agentFiles(t, "primary", tc.primary)
		backup := agentFiles(t, "backup", tc.backup)
		r := dmaprep(t, "", nil, args([]string{"check", "--format", "json"}, folderPair(primary, backup), only)...)
		if r.code != exitReady && r.code != exitNotReady {
			t.Fatalf("%s: exit %d; stderr %q", tc.name, r.code, r.stderr)
		}
		rep, err := reportOfOne(r.stdout)
		if err != nil {
			t.Fatalf("%s: report: %v\n%s", tc.name, err, r.stdout)
		}
		got := map[string]string{}
		messages := map[string][]string{}
		for _, res := range rep.Results {
			got[res.ID], messages[res.ID] = res.Status, res.Messages
		}
		want := strings.Fields(tc.want)
		if len(want) != len(storageColumns) {
			t.Fatalf("%s: %d verdicts for %d requirements", tc.name, len(want), len(storageColumns))
		}
		for i, id := range storageColumns {
			if got[id] != want[i] {
				t.Errorf("%s: %s is %s, want %s: %q", tc.name, id, got[id], want[i], messages[id])
			}
		}
	}
}

// agentFiles copies a fixture agent and writes files over it; an empty content removes
// the file.
func agentFiles(t *testing.T, name string, files map[string]string) string {
	t.Helper()
	write := map[string]string{}
	var remove []string
	for rel, content := range files {
		if content == "" {
			remove = append(remove, rel)
		} else {
			write[rel] = content
		}
	}
	dir := agentCopy(t, name, write)
	for _, rel := range remove {
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(rel))); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	return dir
}
