# Fixtures shared by the requirement tests: complete fact documents of a pair that is
# ready (virtual IP mode and shared hostname mode). Each test states only its change
# from one of these, with json.patch or object.union. Generated from
# testdata/facts/valid/ready-vip.json and ready-hostname.json; keep them in sync (a Go
# test compares them).
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
				"raw": "10.4.0.0-14511-CU4",
				"source": "api",
				"major": 10,
				"minor": 4,
				"patch": 0,
				"revision": 0,
				"build": 14511,
				"cu": 4,
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
						"version": "10.4.0.0-14511-20240402-release",
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
				"raw": "10.4.0.0-14511-CU4",
				"source": "api",
				"major": 10,
				"minor": 4,
				"patch": 0,
				"revision": 0,
				"build": 14511,
				"cu": 4,
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
						"version": "10.4.0.0-14511-20240402-release",
					},
				],
			},
			"element_count": 0,
			"network_interfaces": [
				{
					"name": "Corporate",
					"mac": "B0-83-FE-B3-F8-1C",
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
					"mac": "E8-EE-7A-CA-97-C1",
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
		"ports": [],
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
				"raw": "10.4.0.0-15230-CU10",
				"source": "api",
				"major": 10,
				"minor": 4,
				"patch": 0,
				"revision": 0,
				"build": 15230,
				"cu": 10,
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
						"version": "10.4.0.0-15230-20241020-release",
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
				"raw": "10.4.0.0-15230-CU10",
				"source": "api",
				"major": 10,
				"minor": 4,
				"patch": 0,
				"revision": 0,
				"build": 15230,
				"cu": 10,
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
						"version": "10.4.0.0-15230-20241020-release",
					},
				],
			},
			"element_count": 0,
			"network_interfaces": [
				{
					"name": "Corporate",
					"mac": "B0-83-FE-B3-F8-1C",
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
		"ports": [],
	},
}
