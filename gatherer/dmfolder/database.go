package dmfolder

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/dmaprep/dmaprep/facts"
)

// readDBXML reads DB.xml: every <DataBase> (without user names and passwords), the
// storage architecture, and a fingerprint of the whole file without its secrets and
// without priorityOrder: with several indexing clusters in DB.xml (from 10.4.0/10.4.2)
// the preparation page lets primary and backup order them differently, so a backup whose
// DB.xml differs only there is still a copy of the primary's (FO602). The attribute itself
// stays in the facts (priority_order).
func (r *reader) readDBXML() {
	root, display, err := r.parse("DB.xml", "DataBases")
	if err != nil {
		r.a.SetError("database", err)
		return
	}
	d := &facts.Database{Databases: []facts.DatabaseEntry{}, Fingerprint: fingerprint(root, "priorityorder")}
	for _, e := range root.childrenNamed("DataBase") {
		entry := facts.DatabaseEntry{
			Type:          e.attrString("type"),
			Active:        r.boolAttr(e, "active", display, "database"),
			Local:         r.boolAttr(e, "local", display, "database"),
			Search:        r.boolAttr(e, "search", display, "database"),
			Cloud:         r.boolAttr(e, "cloud", display, "database"),
			TLSEnabled:    r.boolChild(e, "TLSEnabled", display, "database"),
			SkipCommitLog: r.boolChild(e, "SkipCommitLog", display, "database"),
			ID:            e.attrString("ID"),
			PriorityOrder: e.attrString("priorityOrder"),
		}
		if t := entry.Type; t != nil && strings.EqualFold(*t, "CloudStorage") {
			// Only whether there is a proxy: its address and credentials stay out.
			entry.Proxy = ptr(e.child("Proxy") != nil)
		}
		if s := e.child("DBServer"); s != nil {
			entry.Servers = []string{}
			for _, host := range strings.Split(s.value(), ",") {
				// A host never holds an @: what comes before one is a user and password.
				if at := strings.LastIndexByte(host, '@'); at >= 0 {
					host = host[at+1:]
				}
				if host = strings.TrimSpace(host); host != "" {
					entry.Servers = append(entry.Servers, host)
				}
			}
		}
		d.Databases = append(d.Databases, entry)
	}
	// A value that is not true or false (recorded above) leaves the fact out, as Read
	// promises: a half-read entry would pass for one without the setting, and e.g.
	// <TLSEnabled>yes</TLSEnabled> would be judged as no TLS element at all (FO610).
	if _, bad := r.a.Errors["database"]; bad {
		return
	}
	d.GeneralType, d.Architecture = architecture(d.Databases)
	r.a.Database = d
}

// architecture tells the storage architecture from the general database (local="true";
// the active one when there are several) and whether an indexing database is configured.
func architecture(dbs []facts.DatabaseEntry) (generalType *string, arch string) {
	general := -1
	for i, db := range dbs {
		if db.Local == nil || !*db.Local {
			continue
		}
		if general < 0 || (dbs[general].Active != nil && !*dbs[general].Active && (db.Active == nil || *db.Active)) {
			general = i
		}
	}
	if general < 0 {
		return nil, facts.ArchitectureUnknown
	}
	g := dbs[general]
	typ := "MySQL" // a general database without a type is MySQL
	if g.Type != nil {
		typ = *g.Type
	}
	switch strings.ToLower(typ) {
	case "cloudstorage":
		return &typ, facts.ArchitectureSTaaS
	case "cassandracluster":
		return &typ, facts.ArchitectureDedicatedClustered
	case "cassandra":
		for i, db := range dbs {
			if i != general && db.Search != nil && *db.Search && (db.Active == nil || *db.Active) {
				return &typ, facts.ArchitectureSeparateCassandraIndexing
			}
		}
		return &typ, facts.ArchitectureSeparateCassandra
	case "mysql", "mssql":
		return &typ, facts.ArchitectureLegacy
	}
	if g.Cloud != nil && *g.Cloud {
		return &typ, facts.ArchitectureSTaaS
	}
	return &typ, facts.ArchitectureUnknown
}

// dbConfigurationPaths are where DBConfiguration.xml may be: DBCFG and MROS say
// Database\, the preparation page says Databases\. The first found wins.
var dbConfigurationPaths = []string{"Database/DBConfiguration.xml", "Databases/DBConfiguration.xml"}

// readDBConfiguration reads DBConfiguration.xml: where it is, how many indexing clusters it
// configures, and a fingerprint without priorityOrder (which may differ between the
// agents) and without passwords.
func (r *reader) readDBConfiguration() {
	dc := &facts.DBConfiguration{}
	r.a.DBConfiguration = dc
	for _, name := range dbConfigurationPaths {
		actual, entry, err := r.f.find(name)
		if errors.Is(err, fs.ErrNotExist) || (err == nil && entry.IsDir()) {
			continue
		}
		if err != nil {
			// A Database folder that cannot be listed may hold the file: not "absent".
			r.a.DBConfiguration = nil
			r.a.SetError("dbconfiguration", fmt.Errorf("%s: cannot tell whether it exists: %w", windowsPath(name), cause(err)))
			return
		}
		dc.Present = true
		dc.Path = ptr(windowsPath(actual))
		root, _, err := r.parse(name, "")
		if err != nil {
			r.a.SetError("dbconfiguration", err)
			return
		}
		dc.ElasticClusterCount = ptr(len(root.descendants("ElasticCluster")))
		dc.FingerprintWithoutPriority = ptr(fingerprint(root, "priorityorder"))
		return
	}
}
