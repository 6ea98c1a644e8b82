// Package gatherer observes two DataMiner Agents and the network between them and writes
// what it saw as a fact document (facts/facts.schema.json). It records failures as facts
// (a lookup that timed out, a file that did not parse) and never judges readiness: that
// is the policies' job.
//
// Sub-packages each observe one thing: facts (the document's Go types), dmfolder (an
// agent's C:\Skyline DataMiner folder), wsapi (the Web Services API), probe (DNS, virtual
// IPs in use, TLS certificates, ports) and host (the machine dmaprep runs on). This
// package combines them for `dmaprep gather` and `dmaprep check --primary/--backup`.
package gatherer
