package dmfolder

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// FuzzRead feeds arbitrary bytes to every reader of the folder: DataMiner.xml, DMS.xml,
// DB.xml, MaintenanceSettings.xml, the SP metadata, VersionHistory.txt and
// ClusterEndpoints.json (DBConfiguration.xml and SoftLaunchOptions.xml get the DB.xml and
// MaintenanceSettings.xml input). Whatever the input, Read must not panic and its facts
// must make a fact document that the schema accepts.
//
//	go test -run '^$' -fuzz FuzzRead -fuzztime 30s -fuzzminimizetime 10x ./gatherer/dmfolder/
//
// (The code is large and new inputs are found often; with seven inputs of a few
// kilobytes the default minimisation of each takes up to a minute, so bound it.)
func FuzzRead(f *testing.F) {
	seed := func(agent string, names ...string) {
		read := func(i int) []byte {
			data, _ := os.ReadFile(filepath.Join(agentsDir, agent, names[i]))
			return data
		}
		f.Add(read(0), read(1), read(2), read(3), read(4), read(5), read(6))
	}
	for _, agent := range []string{"primary", "backup", "primary-namespaced-xml", "backup-in-cluster", "backup-broken-xml"} {
		seed(agent, "DataMiner.xml", "DMS.xml", "DB.xml", "MaintenanceSettings.xml", "spMetadata.xml", "Upgrades/VersionHistory.txt", "Configurations/ClusterEndpoints.json")
	}
	seed("backup-utf16", "dataminer.xml", "dms.xml", "db.xml", "maintenancesettings.xml", "spmetadata.xml", "upgrades/versionhistory.txt", "configurations/clusterendpoints.json")
	f.Add([]byte(`<DataMiner id="1"><ExternalAuth spMetadata="C:\Skyline DataMiner\spMetadata.xml"/></DataMiner>`),
		[]byte(`<DMS><DMA uri="https://[::1]:8004/"/><Failover/></DMS>`),
		[]byte(`<DataBases><DataBase local="true" cloud="true"/></DataBases>`),
		[]byte(`<?xml version="1.0" encoding="utf-16"?><MaintenanceSettings/>`),
		[]byte(`<SPSSODescriptor><AssertionConsumerService index="-1"/></SPSSODescriptor>`),
		[]byte("\xff\xfe1\x00"),
		[]byte(`{"Endpoints":[{"IP":"x","AdditionalEndpoints":[{"Address":"y"}]}]}`))

	f.Fuzz(func(t *testing.T, dataminer, dms, db, maintenance, sp, history, endpoints []byte) {
		fsys := fstest.MapFS{
			"DataMiner.xml":                        {Data: dataminer},
			"DMS.xml":                              {Data: dms},
			"DB.xml":                               {Data: db},
			"Database/DBConfiguration.xml":         {Data: db},
			"MaintenanceSettings.xml":              {Data: maintenance},
			"SoftLaunchOptions.xml":                {Data: maintenance},
			"spMetadata.xml":                       {Data: sp},
			"Upgrades/VersionHistory.txt":          {Data: history},
			"Configurations/ClusterEndpoints.json": {Data: endpoints},
			"Elements/One/One.xml":                 {Data: nil},
		}
		a := Read(fsys, "fuzz")
		validate(t, wrap(t, a))
	})
}
