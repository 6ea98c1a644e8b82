# Fixtures shared by the requirement tests: complete fact documents of a pair that is
# ready (virtual IP mode and shared hostname mode). Each test states only its change
# from one of these. Generated from testdata/facts/valid/ready-*.json by
# `go test ./policies -run Fixtures -update`; a test fails when they differ.
package dmaprep.test.fixtures

ready_vip := {
	"schema_version": "1",
	"collected_at": "2026-11-20T09:00:00Z",
	"gatherer": {
		"name": "dmaprep",
		"version": "testdata",
		"insecure_skip_verify": false,
		"skip_network": false,
		"timeout_seconds": 10,
	},
	"intent": {
		"virtual_ips": [
			"10.11.250.44",
			"10.12.250.44",
		],
		"shared_hostname": null,
	},
	"agents": {
		"primary": {
			"source": {
				"kind": "folder",
				"location": "testdata/agents/primary",
			},
			"hostname": "dma-main",
			"addresses": [
				"10.11.5.52",
				"10.12.5.52",
			],
			"dataminer_id": 212,
			"version": {
				"raw": "10.6.0.0-17110-CU6",
				"source": "api",
				"major": 10,
				"minor": 6,
				"patch": 0,
				"revision": 0,
				"build": 17110,
				"cu": 6,
				"track": "MR",
			},
			"cluster": {
				"name": "pluto",
				"members": [
					{
						"address": "10.11.5.52",
						"address_is_hostname": false,
						"id": 212,
					},
					{
						"address": "10.11.6.10",
						"address_is_hostname": false,
						"id": 35,
					},
				],
				"has_failover_config": false,
				"api_agent_count": null,
				"api_is_failover": null,
			},
			"install_history": {
				"entries": [
					{
						"timestamp": "2023-05-02 10:12:44",
						"version": "10.3.0.0-12752-20230320-release",
					},
					{
						"timestamp": "2024-04-10 08:01:02",
						"version": "10.6.0.0-17110-20260310-release",
					},
				],
			},
			"element_count": 143,
			"network_interfaces": [
				{
					"name": "Corporate",
					"mac": "B0-83-FE-B3-F8-0B",
					"addresses": [
						{
							"ip": "10.11.5.52",
							"prefix_length": 16,
						},
					],
					"dhcp": false,
				},
				{
					"name": "Acquisition",
					"mac": "E8-EE-7A-CA-97-B0",
					"addresses": [
						{
							"ip": "10.12.5.52",
							"prefix_length": 16,
						},
					],
					"dhcp": false,
				},
			],
			"https": {
				"enabled": true,
				"name": "dma-main.example.local",
				"certificate": {
					"address": "10.11.5.52:443",
					"server_name": "10.11.250.44",
					"error": null,
					"chain": [
						{
							"subject": "CN=dma-main.example.local",
							"issuer": "CN=Example Issuing CA",
							"serial": "1f",
							"dns_names": [
								"dma-main.example.local",
							],
							"ip_addresses": [
								"10.11.5.52",
								"10.11.250.44",
								"10.12.250.44",
							],
							"not_before": "2026-01-01T00:00:00Z",
							"not_after": "2027-12-31T00:00:00Z",
							"self_signed": false,
							"is_ca": false,
						},
					],
					"verified": true,
					"verify_error": null,
				},
			},
			"errors": null,
			"dataminer_xml": {
				"daas_enabled": false,
				"network_adapter_macs": [
					"B0-83-FE-B3-F8-0B",
					"E8-EE-7A-CA-97-B0",
				],
				"skip_macs": [
					"12-34-56-78-90-AB",
					"0A-0B-0C-0D-0E-0F",
				],
				"element_id_hint": 37,
				"external_authentication": {
					"type": "SAML",
					"ip_metadata": "https://login.microsoftonline.com/6f1d2c3b-0000-4000-8000-000000000001/federationmetadata/2007-06/federationmetadata.xml",
					"sp_metadata": "C:\\Skyline DataMiner\\spMetadata.xml",
					"ip_metadata_is_url": true,
					"fingerprint": "sha256:cc413b607022a0574c3fb3c7419cb2a6a1aaad556fc751de01e4b58e1171e17e",
				},
				"azure_ad": {
					"tenant_id": "6f1d2c3b-0000-4000-8000-000000000001",
					"client_id": "0c9e8d7f-0000-4000-8000-000000000003",
					"fingerprint": "sha256:9ff88bce8c56039ce87a40c4f7909b04172ddd84d8a2f26a68502bf9a3103617",
				},
			},
			"broker_gateway": true,
			"database": {
				"architecture": "dedicated_clustered",
				"general_type": "CassandraCluster",
				"databases": [
					{
						"type": "CassandraCluster",
						"active": true,
						"local": true,
						"search": null,
						"cloud": null,
						"servers": [
							"127.0.20.11",
							"127.0.20.12",
							"127.0.20.13",
						],
						"tls_enabled": true,
						"skip_commit_log": false,
						"id": null,
						"priority_order": null,
					},
					{
						"type": "Elasticsearch",
						"active": true,
						"local": null,
						"search": true,
						"cloud": null,
						"servers": [
							"127.0.21.21:9200",
							"127.0.21.22",
							"127.0.21.23",
						],
						"tls_enabled": null,
						"skip_commit_log": null,
						"id": "search-a",
						"priority_order": "0",
					},
				],
				"fingerprint": "sha256:74a8637a2a0635386ef622bd5c7843c299943993fe98fd1f2e50d51449be9f11",
			},
			"dbconfiguration": {
				"present": true,
				"path": "Database\\DBConfiguration.xml",
				"elastic_cluster_count": 2,
				"fingerprint_without_priority": "sha256:688b9235fd5bb37473f688c00bc4f280689cf98fcde6ee2642e418a0ad957237",
			},
			"swarming": {
				"swarming_xml_present": false,
				"soft_launch_enabled": false,
			},
			"licenses": {
				"dataminer_lic": true,
				"response_lic": false,
				"request_lic": false,
			},
			"saml": {
				"sp_metadata_present": true,
				"ip_metadata_present": null,
				"assertion_consumer_services": [
					{
						"location": "https://10.11.250.44/API/",
						"index": 0,
						"is_default": true,
					},
					{
						"location": "https://10.11.5.52/API/",
						"index": 1,
						"is_default": null,
					},
				],
			},
			"cluster_endpoints": {
				"endpoints": [
					{
						"ip": "10.11.5.52",
						"additional_endpoints": [],
					},
					{
						"ip": "10.11.6.10",
						"additional_endpoints": [],
					},
				],
			},
			"redirects": {
				"entries": [],
			},
			"dotnet_remoting": {
				"enable": null,
			},
			"host_software": {
				"source": "operator",
				"npcap": true,
				"winpcap": false,
				"iis_arr": true,
				"services": {
					"cassandra": "absent",
					"nats-server": "running",
					"NAS": "absent",
					"NATS": "absent",
				},
				"cassandra_release_version": null,
			},
		},
		"backup": {
			"source": {
				"kind": "folder",
				"location": "testdata/agents/backup",
			},
			"hostname": "dma-backup",
			"addresses": [
				"10.11.4.52",
				"10.12.4.52",
			],
			"dataminer_id": 212,
			"version": {
				"raw": "10.6.0.0-17110-CU6",
				"source": "api",
				"major": 10,
				"minor": 6,
				"patch": 0,
				"revision": 0,
				"build": 17110,
				"cu": 6,
				"track": "MR",
			},
			"cluster": {
				"name": null,
				"members": [
					{
						"address": "10.11.4.52",
						"address_is_hostname": false,
						"id": 212,
					},
				],
				"has_failover_config": false,
				"api_agent_count": null,
				"api_is_failover": null,
			},
			"install_history": {
				"entries": [
					{
						"timestamp": "2026-11-18 14:20:00",
						"version": "10.6.0.0-17110-20260310-release",
					},
				],
			},
			"element_count": 0,
			"network_interfaces": [
				{
					"name": "Corporate",
					"mac": "B0-83-FE-B3-F9-1C",
					"addresses": [
						{
							"ip": "10.11.4.52",
							"prefix_length": 16,
						},
					],
					"dhcp": false,
				},
				{
					"name": "Acquisition",
					"mac": "E8-EE-7A-CA-98-C1",
					"addresses": [
						{
							"ip": "10.12.4.52",
							"prefix_length": 16,
						},
					],
					"dhcp": false,
				},
			],
			"https": {
				"enabled": true,
				"name": "dma-backup.example.local",
				"certificate": {
					"address": "10.11.4.52:443",
					"server_name": "10.11.250.44",
					"error": null,
					"chain": [
						{
							"subject": "CN=dma-backup.example.local",
							"issuer": "CN=Example Issuing CA",
							"serial": "20",
							"dns_names": [
								"dma-backup.example.local",
							],
							"ip_addresses": [
								"10.11.4.52",
								"10.11.250.44",
								"10.12.250.44",
							],
							"not_before": "2026-01-01T00:00:00Z",
							"not_after": "2027-12-31T00:00:00Z",
							"self_signed": false,
							"is_ca": false,
						},
					],
					"verified": true,
					"verify_error": null,
				},
			},
			"errors": null,
			"dataminer_xml": {
				"daas_enabled": false,
				"network_adapter_macs": [
					"B0-83-FE-B3-F9-1C",
					"E8-EE-7A-CA-98-C1",
				],
				"skip_macs": null,
				"element_id_hint": 0,
				"external_authentication": {
					"type": "SAML",
					"ip_metadata": "https://login.microsoftonline.com/6f1d2c3b-0000-4000-8000-000000000001/federationmetadata/2007-06/federationmetadata.xml",
					"sp_metadata": "C:\\Skyline DataMiner\\spMetadata.xml",
					"ip_metadata_is_url": true,
					"fingerprint": "sha256:cc413b607022a0574c3fb3c7419cb2a6a1aaad556fc751de01e4b58e1171e17e",
				},
				"azure_ad": {
					"tenant_id": "6f1d2c3b-0000-4000-8000-000000000001",
					"client_id": "0c9e8d7f-0000-4000-8000-000000000003",
					"fingerprint": "sha256:9ff88bce8c56039ce87a40c4f7909b04172ddd84d8a2f26a68502bf9a3103617",
				},
			},
			"broker_gateway": true,
			"database": {
				"architecture": "dedicated_clustered",
				"general_type": "CassandraCluster",
				"databases": [
					{
						"type": "CassandraCluster",
						"active": true,
						"local": true,
						"search": null,
						"cloud": null,
						"servers": [
							"127.0.20.11",
							"127.0.20.12",
							"127.0.20.13",
						],
						"tls_enabled": true,
						"skip_commit_log": false,
						"id": null,
						"priority_order": null,
					},
					{
						"type": "Elasticsearch",
						"active": true,
						"local": null,
						"search": true,
						"cloud": null,
						"servers": [
							"127.0.21.21:9200",
							"127.0.21.22",
							"127.0.21.23",
						],
						"tls_enabled": null,
						"skip_commit_log": null,
						"id": "search-a",
						"priority_order": "0",
					},
				],
				"fingerprint": "sha256:74a8637a2a0635386ef622bd5c7843c299943993fe98fd1f2e50d51449be9f11",
			},
			"dbconfiguration": {
				"present": true,
				"path": "Database\\DBConfiguration.xml",
				"elastic_cluster_count": 2,
				"fingerprint_without_priority": "sha256:688b9235fd5bb37473f688c00bc4f280689cf98fcde6ee2642e418a0ad957237",
			},
			"swarming": {
				"swarming_xml_present": false,
				"soft_launch_enabled": false,
			},
			"licenses": {
				"dataminer_lic": true,
				"response_lic": false,
				"request_lic": true,
			},
			"saml": {
				"sp_metadata_present": true,
				"ip_metadata_present": null,
				"assertion_consumer_services": [
					{
						"location": "https://10.11.250.44/API/",
						"index": 0,
						"is_default": true,
					},
					{
						"location": "https://10.11.5.52/API/",
						"index": 1,
						"is_default": null,
					},
				],
			},
			"cluster_endpoints": {
				"endpoints": [
					{
						"ip": "10.11.4.52",
						"additional_endpoints": [],
					},
				],
			},
			"redirects": {
				"entries": [],
			},
			"dotnet_remoting": {
				"enable": null,
			},
			"host_software": {
				"source": "operator",
				"npcap": true,
				"winpcap": false,
				"iis_arr": true,
				"services": {
					"cassandra": "absent",
					"nats-server": "running",
					"NAS": "absent",
					"NATS": "absent",
				},
				"cassandra_release_version": null,
			},
		},
	},
	"network": {
		"observed_from": "ci-runner",
		"dns": {
			"server": null,
			"forward": {},
			"reverse": {
				"10.11.250.44": {
					"status": "nxdomain",
					"records": [],
					"error": null,
				},
				"10.12.250.44": {
					"status": "nxdomain",
					"records": [],
					"error": null,
				},
			},
		},
		"virtual_ips": {
			"10.11.250.44": {
				"state": "free",
				"method": "tcp",
				"evidence": [
					"no answer on tcp/80, tcp/443, tcp/8004 within 2s",
				],
				"error": null,
			},
			"10.12.250.44": {
				"state": "free",
				"method": "tcp",
				"evidence": [
					"no answer on tcp/80, tcp/443, tcp/8004 within 2s",
				],
				"error": null,
			},
		},
		"ports": [
			{
				"agent": "primary",
				"address": "10.11.5.52",
				"port": 8004,
				"state": "open",
				"error": null,
			},
			{
				"agent": "primary",
				"address": "10.11.5.52",
				"port": 443,
				"state": "open",
				"error": null,
			},
			{
				"agent": "primary",
				"address": "10.11.5.52",
				"port": 4222,
				"state": "open",
				"error": null,
			},
			{
				"agent": "primary",
				"address": "10.11.5.52",
				"port": 6222,
				"state": "open",
				"error": null,
			},
			{
				"agent": "backup",
				"address": "10.11.4.52",
				"port": 8004,
				"state": "open",
				"error": null,
			},
			{
				"agent": "backup",
				"address": "10.11.4.52",
				"port": 443,
				"state": "open",
				"error": null,
			},
			{
				"agent": "backup",
				"address": "10.11.4.52",
				"port": 4222,
				"state": "open",
				"error": null,
			},
			{
				"agent": "backup",
				"address": "10.11.4.52",
				"port": 6222,
				"state": "open",
				"error": null,
			},
			{
				"agent": "database",
				"address": "127.0.20.11",
				"port": 9042,
				"state": "open",
				"error": null,
			},
			{
				"agent": "database",
				"address": "127.0.20.12",
				"port": 9042,
				"state": "open",
				"error": null,
			},
			{
				"agent": "database",
				"address": "127.0.20.13",
				"port": 9042,
				"state": "open",
				"error": null,
			},
			{
				"agent": "database",
				"address": "127.0.21.21",
				"port": 9200,
				"state": "open",
				"error": null,
			},
			{
				"agent": "database",
				"address": "127.0.21.22",
				"port": 9200,
				"state": "open",
				"error": null,
			},
			{
				"agent": "database",
				"address": "127.0.21.23",
				"port": 9200,
				"state": "open",
				"error": null,
			},
		],
	},
}

ready_hostname := {
	"schema_version": "1",
	"collected_at": "2026-11-20T09:00:00Z",
	"gatherer": {
		"name": "dmaprep",
		"version": "testdata",
		"insecure_skip_verify": false,
		"skip_network": false,
		"timeout_seconds": 10,
	},
	"intent": {
		"virtual_ips": null,
		"shared_hostname": "fo-pair.example.local",
	},
	"agents": {
		"primary": {
			"source": {
				"kind": "folder",
				"location": "testdata/agents/primary",
			},
			"hostname": "dma-main",
			"addresses": [
				"10.11.5.52",
			],
			"dataminer_id": 212,
			"version": {
				"raw": "10.6.0.0-17110-CU6",
				"source": "api",
				"major": 10,
				"minor": 6,
				"patch": 0,
				"revision": 0,
				"build": 17110,
				"cu": 6,
				"track": "MR",
			},
			"cluster": {
				"name": "pluto",
				"members": [
					{
						"address": "10.11.5.52",
						"address_is_hostname": false,
						"id": 212,
					},
					{
						"address": "10.11.6.10",
						"address_is_hostname": false,
						"id": 35,
					},
				],
				"has_failover_config": false,
				"api_agent_count": null,
				"api_is_failover": null,
			},
			"install_history": {
				"entries": [
					{
						"timestamp": "2023-05-02 10:12:44",
						"version": "10.3.0.0-12752-20230320-release",
					},
					{
						"timestamp": "2024-04-10 08:01:02",
						"version": "10.6.0.0-17110-20260310-release",
					},
				],
			},
			"element_count": 143,
			"network_interfaces": [
				{
					"name": "Corporate",
					"mac": "B0-83-FE-B3-F8-0B",
					"addresses": [
						{
							"ip": "10.11.5.52",
							"prefix_length": 16,
						},
					],
					"dhcp": false,
				},
			],
			"https": {
				"enabled": true,
				"name": "dma-main.example.local",
				"certificate": {
					"address": "10.11.5.52:443",
					"server_name": "fo-pair.example.local",
					"error": null,
					"chain": [
						{
							"subject": "CN=dma-main.example.local",
							"issuer": "CN=Example Issuing CA",
							"serial": "1f",
							"dns_names": [
								"dma-main.example.local",
								"fo-pair.example.local",
							],
							"ip_addresses": [
								"10.11.5.52",
							],
							"not_before": "2026-01-01T00:00:00Z",
							"not_after": "2027-12-31T00:00:00Z",
							"self_signed": false,
							"is_ca": false,
						},
					],
					"verified": true,
					"verify_error": null,
				},
			},
			"errors": null,
			"dataminer_xml": {
				"daas_enabled": false,
				"network_adapter_macs": [
					"B0-83-FE-B3-F8-0B",
				],
				"skip_macs": [
					"12-34-56-78-90-AB",
					"0A-0B-0C-0D-0E-0F",
				],
				"element_id_hint": 37,
				"external_authentication": {
					"type": "SAML",
					"ip_metadata": "https://login.microsoftonline.com/6f1d2c3b-0000-4000-8000-000000000001/federationmetadata/2007-06/federationmetadata.xml",
					"sp_metadata": "C:\\Skyline DataMiner\\spMetadata.xml",
					"ip_metadata_is_url": true,
					"fingerprint": "sha256:cc413b607022a0574c3fb3c7419cb2a6a1aaad556fc751de01e4b58e1171e17e",
				},
				"azure_ad": {
					"tenant_id": "6f1d2c3b-0000-4000-8000-000000000001",
					"client_id": "0c9e8d7f-0000-4000-8000-000000000003",
					"fingerprint": "sha256:9ff88bce8c56039ce87a40c4f7909b04172ddd84d8a2f26a68502bf9a3103617",
				},
			},
			"broker_gateway": true,
			"database": {
				"architecture": "dedicated_clustered",
				"general_type": "CassandraCluster",
				"databases": [
					{
						"type": "CassandraCluster",
						"active": true,
						"local": true,
						"search": null,
						"cloud": null,
						"servers": [
							"127.0.20.11",
							"127.0.20.12",
							"127.0.20.13",
						],
						"tls_enabled": true,
						"skip_commit_log": false,
						"id": null,
						"priority_order": null,
					},
					{
						"type": "Elasticsearch",
						"active": true,
						"local": null,
						"search": true,
						"cloud": null,
						"servers": [
							"127.0.21.21:9200",
							"127.0.21.22",
							"127.0.21.23",
						],
						"tls_enabled": null,
						"skip_commit_log": null,
						"id": "search-a",
						"priority_order": "0",
					},
				],
				"fingerprint": "sha256:74a8637a2a0635386ef622bd5c7843c299943993fe98fd1f2e50d51449be9f11",
			},
			"dbconfiguration": {
				"present": true,
				"path": "Database\\DBConfiguration.xml",
				"elastic_cluster_count": 2,
				"fingerprint_without_priority": "sha256:688b9235fd5bb37473f688c00bc4f280689cf98fcde6ee2642e418a0ad957237",
			},
			"swarming": {
				"swarming_xml_present": false,
				"soft_launch_enabled": false,
			},
			"licenses": {
				"dataminer_lic": true,
				"response_lic": false,
				"request_lic": false,
			},
			"saml": {
				"sp_metadata_present": true,
				"ip_metadata_present": null,
				"assertion_consumer_services": [
					{
						"location": "https://fo-pair.example.local/API/",
						"index": 0,
						"is_default": true,
					},
					{
						"location": "https://10.11.5.52/API/",
						"index": 1,
						"is_default": null,
					},
				],
			},
			"cluster_endpoints": {
				"endpoints": [
					{
						"ip": "10.11.5.52",
						"additional_endpoints": [],
					},
					{
						"ip": "10.11.6.10",
						"additional_endpoints": [],
					},
				],
			},
			"redirects": {
				"entries": [],
			},
			"dotnet_remoting": {
				"enable": null,
			},
			"host_software": {
				"source": "operator",
				"npcap": true,
				"winpcap": false,
				"iis_arr": true,
				"services": {
					"cassandra": "absent",
					"nats-server": "running",
					"NAS": "absent",
					"NATS": "absent",
				},
				"cassandra_release_version": null,
			},
		},
		"backup": {
			"source": {
				"kind": "folder",
				"location": "testdata/agents/backup",
			},
			"hostname": "dma-backup",
			"addresses": [
				"10.11.4.52",
			],
			"dataminer_id": 212,
			"version": {
				"raw": "10.6.0.0-17110-CU6",
				"source": "api",
				"major": 10,
				"minor": 6,
				"patch": 0,
				"revision": 0,
				"build": 17110,
				"cu": 6,
				"track": "MR",
			},
			"cluster": {
				"name": null,
				"members": [
					{
						"address": "10.11.4.52",
						"address_is_hostname": false,
						"id": 212,
					},
				],
				"has_failover_config": false,
				"api_agent_count": null,
				"api_is_failover": null,
			},
			"install_history": {
				"entries": [
					{
						"timestamp": "2026-11-18 14:20:00",
						"version": "10.6.0.0-17110-20260310-release",
					},
				],
			},
			"element_count": 0,
			"network_interfaces": [
				{
					"name": "Corporate",
					"mac": "B0-83-FE-B3-F9-1C",
					"addresses": [
						{
							"ip": "10.11.4.52",
							"prefix_length": 16,
						},
					],
					"dhcp": false,
				},
			],
			"https": {
				"enabled": true,
				"name": "dma-backup.example.local",
				"certificate": {
					"address": "10.11.4.52:443",
					"server_name": "fo-pair.example.local",
					"error": null,
					"chain": [
						{
							"subject": "CN=dma-backup.example.local",
							"issuer": "CN=Example Issuing CA",
							"serial": "20",
							"dns_names": [
								"dma-backup.example.local",
								"fo-pair.example.local",
							],
							"ip_addresses": [
								"10.11.4.52",
							],
							"not_before": "2026-01-01T00:00:00Z",
							"not_after": "2027-12-31T00:00:00Z",
							"self_signed": false,
							"is_ca": false,
						},
					],
					"verified": true,
					"verify_error": null,
				},
			},
			"errors": null,
			"dataminer_xml": {
				"daas_enabled": false,
				"network_adapter_macs": [
					"B0-83-FE-B3-F9-1C",
				],
				"skip_macs": null,
				"element_id_hint": 0,
				"external_authentication": {
					"type": "SAML",
					"ip_metadata": "https://login.microsoftonline.com/6f1d2c3b-0000-4000-8000-000000000001/federationmetadata/2007-06/federationmetadata.xml",
					"sp_metadata": "C:\\Skyline DataMiner\\spMetadata.xml",
					"ip_metadata_is_url": true,
					"fingerprint": "sha256:cc413b607022a0574c3fb3c7419cb2a6a1aaad556fc751de01e4b58e1171e17e",
				},
				"azure_ad": {
					"tenant_id": "6f1d2c3b-0000-4000-8000-000000000001",
					"client_id": "0c9e8d7f-0000-4000-8000-000000000003",
					"fingerprint": "sha256:9ff88bce8c56039ce87a40c4f7909b04172ddd84d8a2f26a68502bf9a3103617",
				},
			},
			"broker_gateway": true,
			"database": {
				"architecture": "dedicated_clustered",
				"general_type": "CassandraCluster",
				"databases": [
					{
						"type": "CassandraCluster",
						"active": true,
						"local": true,
						"search": null,
						"cloud": null,
						"servers": [
							"127.0.20.11",
							"127.0.20.12",
							"127.0.20.13",
						],
						"tls_enabled": true,
						"skip_commit_log": false,
						"id": null,
						"priority_order": null,
					},
					{
						"type": "Elasticsearch",
						"active": true,
						"local": null,
						"search": true,
						"cloud": null,
						"servers": [
							"127.0.21.21:9200",
							"127.0.21.22",
							"127.0.21.23",
						],
						"tls_enabled": null,
						"skip_commit_log": null,
						"id": "search-a",
						"priority_order": "0",
					},
				],
				"fingerprint": "sha256:74a8637a2a0635386ef622bd5c7843c299943993fe98fd1f2e50d51449be9f11",
			},
			"dbconfiguration": {
				"present": true,
				"path": "Database\\DBConfiguration.xml",
				"elastic_cluster_count": 2,
				"fingerprint_without_priority": "sha256:688b9235fd5bb37473f688c00bc4f280689cf98fcde6ee2642e418a0ad957237",
			},
			"swarming": {
				"swarming_xml_present": false,
				"soft_launch_enabled": false,
			},
			"licenses": {
				"dataminer_lic": true,
				"response_lic": false,
				"request_lic": true,
			},
			"saml": {
				"sp_metadata_present": true,
				"ip_metadata_present": null,
				"assertion_consumer_services": [
					{
						"location": "https://fo-pair.example.local/API/",
						"index": 0,
						"is_default": true,
					},
					{
						"location": "https://10.11.5.52/API/",
						"index": 1,
						"is_default": null,
					},
				],
			},
			"cluster_endpoints": {
				"endpoints": [
					{
						"ip": "10.11.4.52",
						"additional_endpoints": [],
					},
				],
			},
			"redirects": {
				"entries": [],
			},
			"dotnet_remoting": {
				"enable": null,
			},
			"host_software": {
				"source": "operator",
				"npcap": true,
				"winpcap": false,
				"iis_arr": true,
				"services": {
					"cassandra": "absent",
					"nats-server": "running",
					"NAS": "absent",
					"NATS": "absent",
				},
				"cassandra_release_version": null,
			},
		},
	},
	"network": {
		"observed_from": "ci-runner",
		"dns": {
			"server": null,
			"forward": {
				"fo-pair.example.local": {
					"status": "answer",
					"records": [
						"10.11.5.52",
						"10.11.4.52",
					],
					"error": null,
				},
			},
			"reverse": {
				"10.11.5.52": {
					"status": "answer",
					"records": [
						"fo-pair.example.local.",
					],
					"error": null,
				},
				"10.11.4.52": {
					"status": "answer",
					"records": [
						"fo-pair.example.local.",
					],
					"error": null,
				},
			},
		},
		"virtual_ips": null,
		"ports": [
			{
				"agent": "primary",
				"address": "10.11.5.52",
				"port": 8004,
				"state": "open",
				"error": null,
			},
			{
				"agent": "primary",
				"address": "10.11.5.52",
				"port": 443,
				"state": "open",
				"error": null,
			},
			{
				"agent": "primary",
				"address": "10.11.5.52",
				"port": 4222,
				"state": "open",
				"error": null,
			},
			{
				"agent": "primary",
				"address": "10.11.5.52",
				"port": 6222,
				"state": "open",
				"error": null,
			},
			{
				"agent": "backup",
				"address": "10.11.4.52",
				"port": 8004,
				"state": "open",
				"error": null,
			},
			{
				"agent": "backup",
				"address": "10.11.4.52",
				"port": 443,
				"state": "open",
				"error": null,
			},
			{
				"agent": "backup",
				"address": "10.11.4.52",
				"port": 4222,
				"state": "open",
				"error": null,
			},
			{
				"agent": "backup",
				"address": "10.11.4.52",
				"port": 6222,
				"state": "open",
				"error": null,
			},
			{
				"agent": "database",
				"address": "127.0.20.11",
				"port": 9042,
				"state": "open",
				"error": null,
			},
			{
				"agent": "database",
				"address": "127.0.20.12",
				"port": 9042,
				"state": "open",
				"error": null,
			},
			{
				"agent": "database",
				"address": "127.0.20.13",
				"port": 9042,
				"state": "open",
				"error": null,
			},
			{
				"agent": "database",
				"address": "127.0.21.21",
				"port": 9200,
				"state": "open",
				"error": null,
			},
			{
				"agent": "database",
				"address": "127.0.21.22",
				"port": 9200,
				"state": "open",
				"error": null,
			},
			{
				"agent": "database",
				"address": "127.0.21.23",
				"port": 9200,
				"state": "open",
				"error": null,
			},
		],
	},
}
