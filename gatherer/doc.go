// Package gatherer observes two DataMiner Agents and the network between them and writes
// what it saw as a fact document (facts/facts.schema.json). It records failures as facts
// (a lookup that timed out, a file that did not parse) and never judges readiness: that
// is the policies' job.
//
// Sub-packages each observe one thing: dmfolder (an agent's C:\Skyline DataMiner folder),
// wsapi (the Web Services API), probe (DNS, virtual IPs in use, TLS certificates, ports)
// and host (the machine dmaprep runs on); source tells which of a folder, an agent fact
// file or an API URL an agent's source is. This package combines them for `dmaprep
// gather` and the one-shot `dmaprep check`. Its inputs are typed (source.Source,
// netip.Addr) and its errors speak of the problem, never of a command-line flag: the CLI
// parses and names its flags.
package gatherer
