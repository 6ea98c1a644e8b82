package policies_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dmaprep/dmaprep/dmversion"
	"github.com/dmaprep/dmaprep/evaluator"
	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/report"
)

// The version boundaries of the documentation, judged on whole fact documents by the real
// evaluator (report.rego, the same-build completion and every requirement), as a pipeline
// sees them. Each case takes a sample document, puts the agents on the versions it names
// (the version objects are what the gatherer writes for those strings), applies its other
// changes and checks the status of the requirements it is about; for those whose message
// must name the observed version, it checks that too.

// compiledPolicies compiles the embedded policies once for every test that evaluates or
// lists them.
var compiledPolicies = sync.OnceValues(func() (*evaluator.Evaluator, error) {
	return evaluator.New(context.Background(), builtin)
})

// verdictNow pins certificate validity: the samples' certificates are valid then.
var verdictNow = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

type verdictCase struct {
	name string
	// base is a sample in testdata/facts/valid, without ".json".
	base string
	// primary and backup are raw version strings; backup "" means the primary's, and "-"
	// means the fact was not collected (null).
	primary, backup string
	// rawOnly writes each version as its raw string alone, with no parsed field (the schema
	// requires nothing more), as a hand-written document may.
	rawOnly bool
	// edits are further changes: a path of object keys (and array indexes) and the value.
	edits []edit
	// want maps a requirement ID to its status.
	want map[string]string
	// mentions maps a requirement ID to a text one of its messages must contain.
	mentions map[string]string
}

type edit struct {
	path  string
	value any
}

func TestVerdictsAtVersionBoundaries(t *testing.T) {
	t.Parallel()
	for _, tc := range verdictCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rep := judge(t, tc)
			got := map[string]report.Result{}
			for _, r := range rep.Results {
				got[r.ID] = r
			}
			for id, want := range tc.want {
				r, ok := got[id]
				if !ok {
					t.Errorf("%s: not in the report", id)
					continue
				}
				if r.Status != want {
					t.Errorf("%s: %s, want %s; messages:\n  %s", id, r.Status, want, strings.Join(r.Messages, "\n  "))
				}
			}
			for id, text := range tc.mentions {
				if !strings.Contains(strings.Join(got[id].Messages, "\n"), text) {
					t.Errorf("%s: no message mentions %q; messages:\n  %s", id, text, strings.Join(got[id].Messages, "\n  "))
				}
			}
		})
	}
}

// judge builds the case's document, checks that it is a valid fact document (as check
// would) and evaluates it.
func judge(t *testing.T, tc verdictCase) report.Report {
	t.Helper()
	raw, err := os.ReadFile("../testdata/facts/valid/" + tc.base + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	backup := tc.backup
	if backup == "" {
		backup = tc.primary
	}
	if tc.primary != "" {
		set(t, doc, "agents/primary/version", versionFact(t, tc.primary, tc.rawOnly))
		set(t, doc, "agents/backup/version", versionFact(t, backup, tc.rawOnly))
	}
	for _, e := range tc.edits {
		set(t, doc, e.path, e.value)
	}
	// Round-trip through the decoder check uses, so numbers have check's types.
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	decoded, err := facts.DecodeBytes(data, tc.name)
	if err != nil {
		t.Fatal(err)
	}
	violations, err := facts.Validate(decoded)
	if err != nil {
		t.Fatal(err)
	}
	if len(violations) > 0 {
		t.Fatalf("the case's document is not a valid fact document: %v", violations)
	}
	ev, err := compiledPolicies()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := ev.Evaluate(context.Background(), decoded, verdictNow)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// versionFact is the version object the gatherer writes for raw ("-": not collected), or
// with rawOnly the raw string alone.
func versionFact(t *testing.T, raw string, rawOnly bool) any {
	t.Helper()
	if raw == "-" {
		return nil
	}
	if rawOnly {
		return map[string]any{"raw": raw, "source": "manual"}
	}
	v, err := dmversion.Parse(raw)
	if err != nil {
		t.Fatalf("version %q: %v", raw, err)
	}
	v.Source = "api"
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// set replaces the value at a slash-separated path of object keys and array indexes.
func set(t *testing.T, doc map[string]any, path string, value any) {
	t.Helper()
	keys := strings.Split(path, "/")
	var node any = doc
	for i, k := range keys {
		last := i == len(keys)-1
		switch n := node.(type) {
		case map[string]any:
			if last {
				n[k] = value
				return
			}
			node = n[k]
		case []any:
			var idx int
			if _, err := fmt.Sscan(k, &idx); err != nil || idx < 0 || idx >= len(n) {
				t.Fatalf("%s: no index %q", path, k)
			}
			if last {
				n[idx] = value
				return
			}
			node = n[idx]
		default:
			t.Fatalf("%s: %q is not in an object or array", path, k)
		}
	}
}

// s builds a want map from "ID status" pairs.
func s(pairs ...string) map[string]string {
	m := map[string]string{}
	for _, p := range pairs {
		id, status, _ := strings.Cut(p, " ")
		m[id] = status
	}
	return m
}

var verdictCases = []verdictCase{
	// FO301: a shared hostname from 10.2.0/10.1.8 on (Preparing the two DataMiner Agents,
	// Additional IP addresses or hostname).
	{name: "FO301 MR 10.1.0 CU21", base: "ready-hostname", primary: "10.1.0.0-9966-CU21", want: s("FO301 fail"), mentions: s("FO301 MR 10.1.0 CU21")},
	{name: "FO301 MR 10.2.0 CU0", base: "ready-hostname", primary: "10.2.0.0-11517-CU0", want: s("FO301 pass")},
	{name: "FO301 MR 10.2.0 CU unknown", base: "ready-hostname", primary: "10.2.0.0-11517-20220117-release", want: s("FO301 pass")},
	{name: "FO301 FR 10.1.7", base: "ready-hostname", primary: "10.1.7.0-10523", want: s("FO301 fail"), mentions: s("FO301 FR 10.1.7")},
	{name: "FO301 FR 10.1.8", base: "ready-hostname", primary: "10.1.8.0-10693", want: s("FO301 pass")},
	{name: "FO301 FR 10.1.9", base: "ready-hostname", primary: "10.1.9.0-10800", want: s("FO301 pass")},
	{name: "FO301 FR 10.2.1", base: "ready-hostname", primary: "10.2.1.0-11600", want: s("FO301 pass")},
	{name: "FO301 9.6 before 10", base: "ready-hostname", primary: "9.6.0.0-8877-CU13", want: s("FO301 fail"), mentions: s("FO301 9.6.0.0-8877")},
	{name: "FO301 backup below the primary", base: "ready-hostname", primary: "10.2.0.0-11517-CU0", backup: "10.1.0.0-9966-CU21", want: s("FO301 fail", "FO102 fail"), mentions: s("FO301 backup runs")},
	{name: "FO301 version not collected", base: "ready-hostname", primary: "10.2.0.0-11517-CU0", backup: "-", want: s("FO301 unknown"), mentions: s("FO301 backup: DataMiner version was not collected")},
	// A version given by its raw string alone is judged as the gatherer would have parsed it.
	{name: "FO301 FR 10.1.7 raw only", base: "ready-hostname", primary: "10.1.7.0-10523", rawOnly: true, want: s("FO301 fail", "FO102 pass")},
	{name: "FO301 FR 10.1.8 raw only", base: "ready-hostname", primary: "10.1.8.0-10693", rawOnly: true, want: s("FO301 pass")},
	{name: "FO301 MR 10.1.0 CU21 raw only", base: "ready-hostname", primary: "10.1.0.0-9966-CU21", rawOnly: true, want: s("FO301 fail")},
	{name: "FO301 MR 10.2.0 CU0 raw only", base: "ready-hostname", primary: "10.2.0.0-11517-CU0", rawOnly: true, want: s("FO301 pass")},
	{name: "FO301 virtual IP mode", base: "ready-vip", primary: "10.1.0.0-9966-CU21", want: s("FO301 skip"), mentions: s("FO301 virtual IP mode")},

	// FO505: a mix of addressing is blocked from 10.2.0 [CU21]/10.3.0 [CU9]/10.3.12, advised
	// before (same section).
	{name: "FO505 MR 10.2.0 CU20", base: "fo505-vip-pair-in-dms", primary: "10.2.0.0-12000-CU20", want: s("FO505 warn"), mentions: s("FO505 MR 10.2.0 CU20")},
	{name: "FO505 MR 10.2.0 CU21", base: "fo505-vip-pair-in-dms", primary: "10.2.0.0-12100-CU21", want: s("FO505 fail")},
	{name: "FO505 MR 10.3.0 CU8", base: "fo505-vip-pair-in-dms", primary: "10.3.0.0-13500-CU8", want: s("FO505 warn")},
	{name: "FO505 MR 10.3.0 CU9", base: "fo505-vip-pair-in-dms", primary: "10.3.0.0-13600-CU9", want: s("FO505 fail")},
	{name: "FO505 MR 10.3.0 CU unknown", base: "fo505-vip-pair-in-dms", primary: "10.3.0.0-13600-20231201-release", want: s("FO505 warn"), mentions: s("FO505 CU unknown")},
	{name: "FO505 FR 10.3.11", base: "fo505-vip-pair-in-dms", primary: "10.3.11.0-13500", want: s("FO505 warn")},
	{name: "FO505 FR 10.3.12", base: "fo505-vip-pair-in-dms", primary: "10.3.12.0-13617", want: s("FO505 fail")},
	{name: "FO505 FR 10.2.12", base: "fo505-vip-pair-in-dms", primary: "10.2.12.0-12600", want: s("FO505 warn")},
	{name: "FO505 MR 10.2.0 CU unknown", base: "fo505-vip-pair-in-dms", primary: "10.2.0.0-12100-20230101-release", want: s("FO505 warn"), mentions: s("FO505 CU unknown")},
	{name: "FO505 MR 10.1.0", base: "fo505-vip-pair-in-dms", primary: "10.1.0.0-9966-CU21", want: s("FO505 warn")},
	{name: "FO505 MR 10.4.0", base: "fo505-vip-pair-in-dms", primary: "10.4.0.0-14000-CU0", want: s("FO505 fail")},
	{name: "FO505 backup prior", base: "fo505-vip-pair-in-dms", primary: "10.3.0.0-13600-CU9", backup: "10.3.0.0-13500-CU8", want: s("FO505 warn"), mentions: s("FO505 backup runs 10.3.0.0-13500 (MR 10.3.0 CU8)")},

	// FO607: MySQL/MSSQL setups are unsupported from 10.3 on (Preparing the database: Legacy
	// setup with MySQL or MSSQL database).
	{name: "FO607 MR 10.2.0 CU30", base: "fo607-mysql-general-database", primary: "10.2.0.0-12500-CU30", want: s("FO607 warn")},
	{name: "FO607 MR 10.3.0 CU0", base: "fo607-mysql-general-database", primary: "10.3.0.0-12752-CU0", want: s("FO607 fail"), mentions: s("FO607 MR 10.3.0 CU0")},
	{name: "FO607 MR 10.3.0 CU unknown", base: "fo607-mysql-general-database", primary: "10.3.0.0-12752-20230320-release", want: s("FO607 fail")},
	{name: "FO607 FR 10.2.12", base: "fo607-mysql-general-database", primary: "10.2.12.0-12600", want: s("FO607 warn")},
	{name: "FO607 FR 10.3.1", base: "fo607-mysql-general-database", primary: "10.3.1.0-12800", want: s("FO607 fail")},
	{name: "FO607 9.6", base: "fo607-mysql-general-database", primary: "9.6.0.0-8877-CU13", want: s("FO607 warn")},

	// FO603: DBConfiguration.xml is copied prior to 10.4.0/10.4.2 (Preparing the database:
	// Dedicated clustered storage, step 4).
	{name: "FO603 MR 10.3.0 CU22", base: "fo603-backup-lacks-dbconfiguration", primary: "10.3.0.0-16312-CU22", want: s("FO603 fail")},
	{name: "FO603 MR 10.4.0 CU0", base: "fo603-backup-lacks-dbconfiguration", primary: "10.4.0.0-14000-CU0", want: s("FO603 skip")},
	{name: "FO603 MR 10.4.0 CU unknown", base: "fo603-backup-lacks-dbconfiguration", primary: "10.4.0.0-14000-20240320-release", want: s("FO603 skip")},
	{name: "FO603 FR 10.3.12", base: "fo603-backup-lacks-dbconfiguration", primary: "10.3.12.0-13617", want: s("FO603 fail")},
	{name: "FO603 FR 10.4.1", base: "fo603-backup-lacks-dbconfiguration", primary: "10.4.1.0-13900", want: s("FO603 fail")},
	{name: "FO603 FR 10.4.2", base: "fo603-backup-lacks-dbconfiguration", primary: "10.4.2.0-14000", want: s("FO603 skip")},
	{name: "FO603 primary prior, backup not", base: "fo603-backup-lacks-dbconfiguration", primary: "10.4.1.0-13900", backup: "10.4.2.0-14000", want: s("FO603 fail")},

	// FO801: NATS 4222/6222 from 10.1.0/10.1.1 (Configuring the IP network ports; glossary).
	{name: "FO801 NATS port closed MR 10.0.0", base: "ready-vip", primary: "10.0.0.0-9384-CU20", edits: []edit{{"network/ports/6/state", "closed"}}, want: s("FO801 pass")},
	{name: "FO801 NATS port closed MR 10.1.0", base: "ready-vip", primary: "10.1.0.0-9966-CU0", edits: []edit{{"network/ports/6/state", "closed"}}, want: s("FO801 fail"), mentions: s("FO801 4222")},
	{name: "FO801 NATS port closed FR 10.0.13", base: "ready-vip", primary: "10.0.13.0-9800", edits: []edit{{"network/ports/6/state", "closed"}}, want: s("FO801 pass")},
	{name: "FO801 NATS port closed FR 10.1.1", base: "ready-vip", primary: "10.1.1.0-9900", edits: []edit{{"network/ports/6/state", "closed"}}, want: s("FO801 fail")},
	{name: "FO801 NATS port closed 9.6", base: "ready-vip", primary: "9.6.0.0-8877-CU13", edits: []edit{{"network/ports/6/state", "closed"}}, want: s("FO801 pass")},
	{name: "FO801 NATS port closed, versions not collected", base: "ready-vip", primary: "-", edits: []edit{{"network/ports/6/state", "closed"}}, want: s("FO801 unknown"), mentions: s("FO801 DataMiner version was not collected, so whether port 4222")},
	// FO801: 443 for gRPC, the default between agents from 10.5.10/10.6.0 (DMA client and
	// inter-DMA communication; Disabling .NET Remoting).
	{name: "FO801 443 closed, no HTTPS, MR 10.5.0 CU10", base: "fo801-443-closed-on-10-6-without-https", primary: "10.5.0.0-16000-CU10", want: s("FO801 pass")},
	{name: "FO801 443 closed, no HTTPS, MR 10.6.0 CU0", base: "fo801-443-closed-on-10-6-without-https", primary: "10.6.0.0-16600-CU0", want: s("FO801 fail"), mentions: s("FO801 443")},
	{name: "FO801 443 closed, no HTTPS, MR 10.6.0 CU unknown", base: "fo801-443-closed-on-10-6-without-https", primary: "10.6.0.0-16600-20260101-release", want: s("FO801 fail")},
	{name: "FO801 443 closed, no HTTPS, FR 10.5.9", base: "fo801-443-closed-on-10-6-without-https", primary: "10.5.9.0-15900", want: s("FO801 pass")},
	{name: "FO801 443 closed, no HTTPS, FR 10.5.10", base: "fo801-443-closed-on-10-6-without-https", primary: "10.5.10.0-16000", want: s("FO801 fail")},

	// FO803: NATSRepair from 10.6.0/10.6.1 or after the BrokerGateway migration (Failover
	// configuration in Cube, procedure).
	{name: "FO803 legacy NATS MR 10.5.0 CU10", base: "ready-vip", primary: "10.5.0.0-16000-CU10", edits: legacyNATS, want: s("FO803 skip")},
	{name: "FO803 legacy NATS MR 10.6.0 CU0", base: "ready-vip", primary: "10.6.0.0-16600-CU0", edits: legacyNATS, want: s("FO803 info")},
	{name: "FO803 legacy NATS MR 10.6.0 CU unknown", base: "ready-vip", primary: "10.6.0.0-16600-20260101-release", edits: legacyNATS, want: s("FO803 info")},
	{name: "FO803 legacy NATS FR 10.5.12", base: "ready-vip", primary: "10.5.12.0-16500", edits: legacyNATS, want: s("FO803 skip")},
	{name: "FO803 legacy NATS FR 10.6.1", base: "ready-vip", primary: "10.6.1.0-16700", edits: legacyNATS, want: s("FO803 info")},
	{name: "FO803 BrokerGateway MR 10.5.0 CU4", base: "ready-hostname", primary: "10.5.0.0-15800-CU4", want: s("FO803 info"), mentions: s("FO803 shared hostname")},

	// FO802: the same NATS solution on both agents (Adding a regular DataMiner Agent,
	// Prerequisites: NATS); from 10.6.0/10.6.1 BrokerGateway is the only one (Migrating to
	// BrokerGateway).
	{name: "FO802 backup setting false MR 10.5.0 CU10", base: "ready-vip", primary: "10.5.0.0-16100-CU10", edits: backupLegacyNATS, want: s("FO802 fail"), mentions: s("FO802 MR 10.5.0 CU10")},
	{name: "FO802 backup setting false MR 10.6.0 CU0", base: "ready-vip", primary: "10.6.0.0-16600-CU0", edits: backupLegacyNATS, want: s("FO802 pass")},
	{name: "FO802 backup setting false FR 10.5.12", base: "ready-vip", primary: "10.5.12.0-16500", edits: backupLegacyNATS, want: s("FO802 fail")},
	{name: "FO802 backup setting false FR 10.6.1", base: "ready-vip", primary: "10.6.1.0-16700", edits: backupLegacyNATS, want: s("FO802 pass")},
	// The BrokerGateway soft-launch option (SoftLaunchOptions.xml) puts the backup on
	// BrokerGateway from its minimum version 10.4.1 (and the Main Release 10.5.0) up to its
	// release in 10.5.0 [CU2]/10.5.5, from where it is ignored (Overview of soft-launch
	// options).
	{name: "FO802 backup soft launch FR 10.3.12", base: "ready-vip", primary: "10.3.12.0-13617", edits: backupSoftLaunch, want: s("FO802 fail")},
	{name: "FO802 backup soft launch FR 10.4.1", base: "ready-vip", primary: "10.4.1.0-13900", edits: backupSoftLaunch, want: s("FO802 pass")},
	{name: "FO802 backup soft launch FR 10.5.4", base: "ready-vip", primary: "10.5.4.0-15588", edits: backupSoftLaunch, want: s("FO802 pass")},
	{name: "FO802 backup soft launch FR 10.5.5", base: "ready-vip", primary: "10.5.5.0-15700", edits: backupSoftLaunch, want: s("FO802 fail")},
	{name: "FO802 backup soft launch MR 10.4.0 CU20", base: "ready-vip", primary: "10.4.0.0-15600-CU20", edits: backupSoftLaunch, want: s("FO802 fail")},
	{name: "FO802 backup soft launch MR 10.5.0 CU1", base: "ready-vip", primary: "10.5.0.0-15200-CU1", edits: backupSoftLaunch, want: s("FO802 pass")},
	{name: "FO802 backup soft launch MR 10.5.0 CU2", base: "ready-vip", primary: "10.5.0.0-15300-CU2", edits: backupSoftLaunch, want: s("FO802 fail")},
	{name: "FO802 backup setting false, version not collected", base: "ready-vip", primary: "10.5.0.0-16100-CU10", backup: "-", edits: backupLegacyNATS, want: s("FO802 unknown"), mentions: s("FO802 backup: DataMiner version was not collected")},

	// FO901: hostname issues from 10.2.0/10.1.8, fixed in 10.3.0 [CU11]/10.4.2.
	{name: "FO901 FR 10.1.7", base: "ready-hostname", primary: "10.1.7.0-10523", want: s("FO901 pass")},
	{name: "FO901 FR 10.1.8", base: "ready-hostname", primary: "10.1.8.0-10693", want: s("FO901 warn")},
	{name: "FO901 MR 10.1.0 CU21", base: "ready-hostname", primary: "10.1.0.0-9966-CU21", want: s("FO901 pass")},
	{name: "FO901 MR 10.2.0 CU unknown", base: "ready-hostname", primary: "10.2.0.0-11517-20220117-release", want: s("FO901 warn")},
	{name: "FO901 FR 10.2.12", base: "ready-hostname", primary: "10.2.12.0-12600", want: s("FO901 warn")},
	{name: "FO901 FR 10.3.12", base: "ready-hostname", primary: "10.3.12.0-13617", want: s("FO901 warn")},
	{name: "FO901 MR 10.2.0 CU0", base: "ready-hostname", primary: "10.2.0.0-11517-CU0", want: s("FO901 warn")},
	{name: "FO901 MR 10.3.0 CU10", base: "ready-hostname", primary: "10.3.0.0-13400-CU10", want: s("FO901 warn"), mentions: s("FO901 MR 10.3.0 CU10")},
	{name: "FO901 MR 10.3.0 CU11", base: "ready-hostname", primary: "10.3.0.0-13500-CU11", want: s("FO901 pass")},
	{name: "FO901 MR 10.3.0 CU unknown", base: "ready-hostname", primary: "10.3.0.0-13500-20231201-release", want: s("FO901 warn"), mentions: s("FO901 cannot tell")},
	{name: "FO901 FR 10.4.1", base: "ready-hostname", primary: "10.4.1.0-13900", want: s("FO901 warn")},
	{name: "FO901 FR 10.4.2", base: "ready-hostname", primary: "10.4.2.0-14000", want: s("FO901 pass")},
	{name: "FO901 MR 10.4.0", base: "ready-hostname", primary: "10.4.0.0-14000-CU0", want: s("FO901 pass")},
	{name: "FO901 backup below the fix", base: "ready-hostname", primary: "10.3.0.0-13500-CU11", backup: "10.3.0.0-13400-CU10", want: s("FO901 warn"), mentions: s("FO901 backup runs")},
	{name: "FO901 virtual IP mode", base: "ready-vip", primary: "10.3.0.0-13400-CU10", want: s("FO901 skip")},

	// FO902: MR 10.3.0 [CU20]/10.4.0 [CU8] up to 10.4.0 [CU11], FR 10.4.11 up to 10.5.2; fixed
	// in 10.4.0 [CU12], 10.5.0 [CU0], 10.5.3.
	{name: "FO902 MR 10.3.0 CU19", base: "ready-vip", primary: "10.3.0.0-14100-CU19", want: s("FO902 pass")},
	{name: "FO902 MR 10.3.0 CU20", base: "ready-vip", primary: "10.3.0.0-14200-CU20", want: s("FO902 warn")},
	{name: "FO902 MR 10.3.0 CU unknown", base: "ready-vip", primary: "10.3.0.0-14200-20240101-release", want: s("FO902 warn"), mentions: s("FO902 cannot tell")},
	{name: "FO902 MR 10.4.0 CU7", base: "ready-vip", primary: "10.4.0.0-14700-CU7", want: s("FO902 pass")},
	{name: "FO902 MR 10.4.0 CU8", base: "ready-vip", primary: "10.4.0.0-14800-CU8", want: s("FO902 warn")},
	{name: "FO902 MR 10.4.0 CU11", base: "ready-vip", primary: "10.4.0.0-15100-CU11", want: s("FO902 warn")},
	{name: "FO902 MR 10.4.0 CU12", base: "ready-vip", primary: "10.4.0.0-15300-CU12", want: s("FO902 pass")},
	{name: "FO902 MR 10.4.0 CU unknown", base: "ready-vip", primary: "10.4.0.0-15100-20241201-release", want: s("FO902 warn"), mentions: s("FO902 cannot tell")},
	{name: "FO902 MR 10.2.0 CU30", base: "ready-vip", primary: "10.2.0.0-12500-CU30", want: s("FO902 pass")},
	{name: "FO902 MR 10.5.0 CU0", base: "ready-vip", primary: "10.5.0.0-15500-CU0", want: s("FO902 pass")},
	{name: "FO902 FR 10.3.12", base: "ready-vip", primary: "10.3.12.0-13617", want: s("FO902 pass")},
	{name: "FO902 MR 10.5.0 CU unknown", base: "ready-vip", primary: "10.5.0.0-15500-20250101-release", want: s("FO902 pass")},
	{name: "FO902 FR 10.4.10", base: "ready-vip", primary: "10.4.10.0-14900", want: s("FO902 pass")},
	{name: "FO902 FR 10.4.11", base: "ready-vip", primary: "10.4.11.0-15000", want: s("FO902 warn")},
	{name: "FO902 FR 10.5.2", base: "ready-vip", primary: "10.5.2.0-15400", want: s("FO902 warn")},
	{name: "FO902 FR 10.5.3", base: "ready-vip", primary: "10.5.3.0-15500", want: s("FO902 pass")},
	{name: "FO902 shared hostname mode", base: "ready-hostname", primary: "10.4.0.0-14800-CU8", want: s("FO902 skip")},

	// FO903: from 10.3.0 [CU9]/10.3.12; fixed in 10.3.0 [CU11], 10.4.0, 10.4.2.
	{name: "FO903 MR 10.3.0 CU8", base: "ready-vip", primary: "10.3.0.0-13300-CU8", want: s("FO903 pass")},
	{name: "FO903 MR 10.3.0 CU9", base: "ready-vip", primary: "10.3.0.0-13400-CU9", want: s("FO903 warn")},
	{name: "FO903 MR 10.3.0 CU10", base: "ready-vip", primary: "10.3.0.0-13450-CU10", want: s("FO903 warn")},
	{name: "FO903 MR 10.3.0 CU11", base: "ready-vip", primary: "10.3.0.0-13500-CU11", want: s("FO903 pass")},
	{name: "FO903 MR 10.3.0 CU unknown", base: "ready-vip", primary: "10.3.0.0-13500-20231201-release", want: s("FO903 warn")},
	{name: "FO903 backup CU from the primary's same build", base: "ready-vip", primary: "10.3.0.0-13450-CU10", backup: "10.3.0.0-13450-20231101-release", want: s("FO903 warn", "FO102 pass"), mentions: s("FO903 as on the primary")},
	{name: "FO903 MR 10.3.0 CU10 raw only", base: "ready-vip", primary: "10.3.0.0-13450-CU10", rawOnly: true, want: s("FO903 warn"), mentions: s("FO903 MR 10.3.0 CU10")},
	{name: "FO903 MR 10.3.0 CU11 raw only", base: "ready-vip", primary: "10.3.0.0-13500-CU11", rawOnly: true, want: s("FO903 pass")},
	{name: "FO903 backup raw only, CU from the primary's same build", base: "ready-vip", primary: "10.3.0.0-13450-CU10", edits: []edit{{"agents/backup/version", map[string]any{"raw": "10.3.0.0-13450-20231101-release"}}}, want: s("FO903 warn", "FO102 pass"), mentions: s("FO903 as on the primary")},
	{name: "FO903 FR 10.3.11", base: "ready-vip", primary: "10.3.11.0-13500", want: s("FO903 pass")},
	{name: "FO903 FR 10.3.12", base: "ready-vip", primary: "10.3.12.0-13617", want: s("FO903 warn")},
	{name: "FO903 FR 10.4.1", base: "ready-vip", primary: "10.4.1.0-13900", want: s("FO903 warn")},
	{name: "FO903 FR 10.4.2", base: "ready-vip", primary: "10.4.2.0-14000", want: s("FO903 pass")},
	{name: "FO903 FR 10.3.11 CU unknown backup", base: "ready-vip", primary: "10.3.11.0-13500", want: s("FO903 pass")},
	{name: "FO903 MR 10.4.0 CU unknown", base: "ready-vip", primary: "10.4.0.0-14000-20240320-release", want: s("FO903 pass")},
	{name: "FO903 MR 10.4.0 CU0", base: "ready-vip", primary: "10.4.0.0-14000-CU0", want: s("FO903 pass")},
	{name: "FO903 MR 10.2.0", base: "ready-vip", primary: "10.2.0.0-12500-CU30", want: s("FO903 pass")},

	// FO904: FR 10.4.2 to 10.4.8; fixed in 10.3.0 [CU18], 10.4.0 [CU6], 10.4.9.
	{name: "FO904 FR 10.4.1", base: "ready-vip", primary: "10.4.1.0-13900", want: s("FO904 pass")},
	{name: "FO904 FR 10.4.2", base: "ready-vip", primary: "10.4.2.0-14000", want: s("FO904 warn")},
	{name: "FO904 FR 10.4.8", base: "ready-vip", primary: "10.4.8.0-14600", want: s("FO904 warn")},
	{name: "FO904 FR 10.4.9", base: "ready-vip", primary: "10.4.9.0-14700", want: s("FO904 pass")},
	{name: "FO904 MR 10.3.0 CU17", base: "ready-vip", primary: "10.3.0.0-14000-CU17", want: s("FO904 warn")},
	{name: "FO904 MR 10.3.0 CU18", base: "ready-vip", primary: "10.3.0.0-14100-CU18", want: s("FO904 pass")},
	{name: "FO904 MR 10.4.0 CU5", base: "ready-vip", primary: "10.4.0.0-14600-CU5", want: s("FO904 warn")},
	{name: "FO904 MR 10.4.0 CU6", base: "ready-vip", primary: "10.4.0.0-14700-CU6", want: s("FO904 pass")},
	{name: "FO904 MR 10.4.0 CU unknown", base: "ready-vip", primary: "10.4.0.0-14700-20240601-release", want: s("FO904 warn")},
	{name: "FO904 MR 10.5.0 CU0", base: "ready-vip", primary: "10.5.0.0-15500-CU0", want: s("FO904 pass")},
	{name: "FO904 MR 10.3.0 CU unknown", base: "ready-vip", primary: "10.3.0.0-14000-20240101-release", want: s("FO904 warn")},
	{name: "FO904 MR 10.2.0 CU30", base: "ready-vip", primary: "10.2.0.0-12500-CU30", want: s("FO904 pass")},
	{name: "FO904 FR 10.3.12", base: "ready-vip", primary: "10.3.12.0-13617", want: s("FO904 pass")},
	{name: "FO904 FR 10.5.1", base: "ready-vip", primary: "10.5.1.0-15300", want: s("FO904 pass")},

	// FO905: all Failover systems; fixed in 10.5.0 [CU10]/10.6.1.
	{name: "FO905 MR 10.5.0 CU9", base: "ready-vip", primary: "10.5.0.0-16000-CU9", want: s("FO905 warn")},
	{name: "FO905 MR 10.5.0 CU10", base: "ready-vip", primary: "10.5.0.0-16100-CU10", want: s("FO905 pass")},
	{name: "FO905 MR 10.5.0 CU unknown", base: "ready-vip", primary: "10.5.0.0-16100-20251001-release", want: s("FO905 warn")},
	{name: "FO905 FR 10.5.12", base: "ready-vip", primary: "10.5.12.0-16500", want: s("FO905 warn")},
	{name: "FO905 FR 10.6.1", base: "ready-vip", primary: "10.6.1.0-16700", want: s("FO905 pass")},
	{name: "FO905 MR 10.4.0 CU20", base: "ready-vip", primary: "10.4.0.0-15600-CU20", want: s("FO905 warn")},
	{name: "FO905 9.6", base: "ready-vip", primary: "9.6.0.0-8877-CU13", want: s("FO905 warn")},
	{name: "FO905 MR 10.6.0 CU0", base: "ready-vip", primary: "10.6.0.0-16600-CU0", want: s("FO905 pass")},
	{name: "FO905 FR 10.6.2", base: "ready-vip", primary: "10.6.2.0-16800", want: s("FO905 pass")},

	// FO906: BrokerGateway from 10.5.0 [CU4]/10.5.7 up to 10.6.0 [CU4]/10.6.7; fixed in
	// 10.6.0 [CU5]/10.6.8.
	{name: "FO906 MR 10.5.0 CU3", base: "ready-vip", primary: "10.5.0.0-15700-CU3", want: s("FO906 pass")},
	{name: "FO906 MR 10.5.0 CU4", base: "ready-vip", primary: "10.5.0.0-15800-CU4", want: s("FO906 warn")},
	{name: "FO906 MR 10.5.0 CU unknown", base: "ready-vip", primary: "10.5.0.0-15800-20250401-release", want: s("FO906 warn")},
	{name: "FO906 MR 10.6.0 CU4", base: "ready-vip", primary: "10.6.0.0-16700-CU4", want: s("FO906 warn")},
	{name: "FO906 MR 10.6.0 CU5", base: "ready-vip", primary: "10.6.0.0-16800-CU5", want: s("FO906 pass")},
	{name: "FO906 FR 10.5.6", base: "ready-vip", primary: "10.5.6.0-15800", want: s("FO906 pass")},
	{name: "FO906 FR 10.5.7", base: "ready-vip", primary: "10.5.7.0-15900", want: s("FO906 warn")},
	{name: "FO906 FR 10.6.7", base: "ready-vip", primary: "10.6.7.0-16900", want: s("FO906 warn")},
	{name: "FO906 FR 10.6.8", base: "ready-vip", primary: "10.6.8.0-17000", want: s("FO906 pass")},
	{name: "FO906 legacy NATS MR 10.5.0 CU4", base: "ready-vip", primary: "10.5.0.0-15800-CU4", edits: legacyNATS, want: s("FO906 skip")},
	{name: "FO906 MR 10.6.0 CU unknown", base: "ready-vip", primary: "10.6.0.0-16700-20260101-release", want: s("FO906 warn"), mentions: s("FO906 cannot tell")},
	{name: "FO906 MR 10.7.0 CU0", base: "ready-vip", primary: "10.7.0.0-17500-CU0", want: s("FO906 pass")},
	{name: "FO906 setting false FR 10.6.1", base: "ready-vip", primary: "10.6.1.0-16700", edits: legacyNATS, want: s("FO906 warn")},
	{name: "FO906 legacy NATS FR 10.5.7", base: "ready-vip", primary: "10.5.7.0-15900", edits: legacyNATS, want: s("FO906 skip")},
	{name: "FO906 setting false MR 10.6.0 CU4", base: "ready-vip", primary: "10.6.0.0-16700-CU4", edits: legacyNATS, want: s("FO906 warn")},

	// FO907: MR 10.3.0 [CU11] to 10.4.0 [CU9], FR 10.4.2 to 10.4.12; fixed in 10.4.0 [CU10]
	// and 10.5.1 (Known issue: offline Failover DMA not synchronized).
	{name: "FO907 MR 10.3.0 CU10", base: "ready-vip", primary: "10.3.0.0-13450-CU10", want: s("FO907 pass")},
	{name: "FO907 MR 10.3.0 CU11", base: "ready-vip", primary: "10.3.0.0-13500-CU11", want: s("FO907 warn"), mentions: s("FO907 MR 10.3.0 CU11")},
	{name: "FO907 MR 10.3.0 CU unknown", base: "ready-vip", primary: "10.3.0.0-13500-20231201-release", want: s("FO907 warn"), mentions: s("FO907 cannot tell")},
	{name: "FO907 MR 10.4.0 CU9", base: "ready-hostname", primary: "10.4.0.0-14900-CU9", want: s("FO907 warn")},
	{name: "FO907 MR 10.4.0 CU10", base: "ready-hostname", primary: "10.4.0.0-15000-CU10", want: s("FO907 pass")},
	{name: "FO907 MR 10.5.0 CU0", base: "ready-vip", primary: "10.5.0.0-15500-CU0", want: s("FO907 pass")},
	{name: "FO907 FR 10.4.1", base: "ready-vip", primary: "10.4.1.0-13900", want: s("FO907 pass")},
	{name: "FO907 FR 10.4.2", base: "ready-vip", primary: "10.4.2.0-14000", want: s("FO907 warn")},
	{name: "FO907 FR 10.4.12", base: "ready-vip", primary: "10.4.12.0-15200", want: s("FO907 warn"), mentions: s("FO907 upgrade to 10.5.1")},
	{name: "FO907 FR 10.5.1", base: "ready-vip", primary: "10.5.1.0-15300", want: s("FO907 pass")},
	{name: "FO907 MR 10.4.0 CU unknown", base: "ready-vip", primary: "10.4.0.0-14900-20240901-release", want: s("FO907 warn")},
	{name: "FO907 MR 10.2.0 CU30", base: "ready-vip", primary: "10.2.0.0-12500-CU30", want: s("FO907 pass")},
	{name: "FO907 FR 10.3.12", base: "ready-vip", primary: "10.3.12.0-13617", want: s("FO907 pass")},
	{name: "FO907 backup only below the fix", base: "ready-vip", primary: "10.4.0.0-15000-CU10", backup: "10.4.0.0-14900-CU9", want: s("FO907 warn", "FO102 fail"), mentions: s("FO907 backup runs")},
	{name: "FO907 version not collected", base: "ready-vip", primary: "10.4.0.0-15000-CU10", backup: "-", want: s("FO907 unknown"), mentions: s("FO907 backup: DataMiner version was not collected")},

	// FO102: exactly the same version (Backup DataMiner Agent).
	{name: "FO102 CU differs", base: "ready-vip", primary: "10.4.0.0-14700-CU6", backup: "10.4.0.0-14600-CU5", want: s("FO102 fail"), mentions: s("FO102 CU5")},
	{name: "FO102 FR differs", base: "ready-vip", primary: "10.5.3.0-15500", backup: "10.5.2.0-15400", want: s("FO102 fail")},
	{name: "FO102 backup CU unknown, other build", base: "ready-vip", primary: "10.4.0.0-14700-CU6", backup: "10.4.0.0-14600-20240601-release", want: s("FO102 fail")},
	{name: "FO102 same FR", base: "ready-vip", primary: "10.5.3.0-15500", want: s("FO102 pass")},
	{name: "FO102 version not collected", base: "ready-vip", primary: "10.5.3.0-15500", backup: "-", want: s("FO102 unknown")},
	// FO611: a STaaS proxy needs 10.4.5/10.5.0 (Adding a DataMiner Agent to a cluster running
	// STaaS, step 8).
	{name: "FO611 proxy MR 10.4.0 CU20", base: "ready-staas-backup-regenerated-tokens", primary: "10.4.0.0-15600-CU20", edits: staasProxy, want: s("FO611 fail"), mentions: s("FO611 MR 10.4.0 CU20")},
	{name: "FO611 proxy MR 10.5.0 CU0", base: "ready-staas-backup-regenerated-tokens", primary: "10.5.0.0-15500-CU0", edits: staasProxy, want: s("FO611 pass")},
	{name: "FO611 proxy MR 10.5.0 CU unknown", base: "ready-staas-backup-regenerated-tokens", primary: "10.5.0.0-15500-20250101-release", edits: staasProxy, want: s("FO611 pass")},
	{name: "FO611 proxy FR 10.4.4", base: "ready-staas-backup-regenerated-tokens", primary: "10.4.4.0-14200", edits: staasProxy, want: s("FO611 fail")},
	{name: "FO611 proxy FR 10.4.5", base: "ready-staas-backup-regenerated-tokens", primary: "10.4.5.0-14300", edits: staasProxy, want: s("FO611 pass")},
	{name: "FO611 no proxy MR 10.4.0 CU20", base: "ready-staas-backup-regenerated-tokens", primary: "10.4.0.0-15600-CU20", want: s("FO611 pass")},
	{name: "FO611 proxy, version not collected", base: "ready-staas-backup-regenerated-tokens", primary: "10.5.0.0-15500-CU0", backup: "-", edits: staasProxy, want: s("FO611 unknown"), mentions: s("FO611 backup: DataMiner version was not collected")},

	// FO105: before 7.5.0 the general database is not copied (an older version of Preparing
	// the two DataMiner Agents).
	{name: "FO105 7.0", base: "fo105-legacy-version", primary: "7.0.0.0-3490-CU5", want: s("FO105 warn"), mentions: s("FO105 7.0.0.0-3490")},
	{name: "FO105 7.4.12.3", base: "fo105-legacy-version", primary: "7.4.12.3-4000", want: s("FO105 warn")},
	{name: "FO105 7.5.0.0", base: "fo105-legacy-version", primary: "7.5.0.0-4100", want: s("FO105 skip")},
	{name: "FO105 MR 10.0.0", base: "fo105-legacy-version", primary: "10.0.0.0-9384-CU20", want: s("FO105 skip")},
}

// staasProxy configures a STaaS proxy in both agents' DB.xml.
var staasProxy = []edit{
	{"agents/primary/database/databases/0/proxy", true},
	{"agents/backup/database/databases/0/proxy", true},
}

// backupLegacyNATS sets the backup's BrokerGateway setting to false.
var backupLegacyNATS = []edit{{"agents/backup/broker_gateway", false}}

// backupSoftLaunch sets the backup's BrokerGateway setting to false and its BrokerGateway
// soft-launch option to true.
var backupSoftLaunch = []edit{
	{"agents/backup/broker_gateway", false},
	{"agents/backup/broker_gateway_soft_launch", true},
}

// legacyNATS sets both agents' BrokerGateway setting to false.
var legacyNATS = []edit{
	{"agents/primary/broker_gateway", false},
	{"agents/backup/broker_gateway", false},
}
