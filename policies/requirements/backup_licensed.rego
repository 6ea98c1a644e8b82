# METADATA
# title: Backup holds a DataMiner licence
# description: |
#   A new backup agent needs a valid DataMiner licence, requested for a Failover Agent of
#   the existing DataMiner ID, before it can take part in the pair. The licence is the file
#   dataminer.lic or response.lic in C:\Skyline DataMiner\; a Request.lic alone means the
#   licence was requested but not yet received and installed. Whether the licence really is
#   one for a Failover Agent of this DataMiner ID cannot be seen from the files, so only their
#   presence is checked.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Getting_started/Installing_a_DMA/Using_the_installer/Configuring_a_new_DMA_in_Failover_pair.html
#     description: Configuring a new DMA in a Failover pair
#   - ref: https://docs.dataminer.services/dataminer/Reference/MOPs/MOP_Migrating_a_Failover_pair_to_new_hardware.html
#     description: Migrating a Failover pair to new hardware
# custom:
#   id: FO107
#   name: backup-licensed
#   severity: warning
#   facts:
#     - agents.backup.licenses
#   example_failure: >-
#     backup holds no licence: C:\Skyline DataMiner\ has only Request.lic, no dataminer.lic or
#     response.lic
#   example_unknown: >-
#     backup: list of licence files (dataminer.lic, response.lic) was not collected
#   remediation: |
#     Send the backup's C:\Skyline DataMiner\Request.lic to Skyline with a request for a
#     licence for a Failover Agent of the primary's DataMiner ID, and place the dataminer.lic
#     (or response.lic) you receive in C:\Skyline DataMiner\ on the backup before starting
#     DataMiner on it.
package dmaprep.requirements.backup_licensed

import data.dmaprep.lib

_file(key) := lib.fact("backup", ["licenses", key])

_licensed if _file("dataminer_lic") == true

_licensed if _file("response_lic") == true

_unlicensed if {
	_file("dataminer_lic") == false
	_file("response_lic") == false
}

# Neither a licence file seen nor both known to be missing: the licences fact (or one of
# its fields) was not collected.
unknown contains lib.missing("backup", "licenses", "list of licence files (dataminer.lic, response.lic)") if {
	not _licensed
	not _unlicensed
}

violation contains msg if {
	_unlicensed
	msg := _no_licence[_file("request_lic") == true]
}

_no_licence := {
	true: "backup holds no licence: C:\\Skyline DataMiner\\ has only Request.lic, no dataminer.lic or response.lic",
	false: "backup holds no licence: C:\\Skyline DataMiner\\ has neither dataminer.lic nor response.lic",
}

result := lib.result(rego.metadata.chain(), {"unknown": unknown, "violation": violation})
