package dmaprep.lib.params_test

import data.dmaprep.lib.params

_r := {"id": "FO203", "name": "virtual-ip-unused"}

test_defaults_without_data if {
	params.params == params.defaults with data.dmaprep.params as null
}

test_data_overrides_one_default if {
	p := params.params with data.dmaprep.params as {"fail_on": "warn"}
	p.fail_on == "warn"
	p.disable == []
}

test_everything_selected_by_default if {
	params.selected(_r)
}

test_disable_by_id_or_name if {
	not params.selected(_r) with data.dmaprep.params as {"disable": ["FO203"]}
	not params.selected(_r) with data.dmaprep.params as {"disable": ["virtual-ip-unused"]}
}

test_only_keeps_the_named if {
	params.selected(_r) with data.dmaprep.params as {"only": ["virtual-ip-unused", "FO101"]}
	not params.selected(_r) with data.dmaprep.params as {"only": ["FO101"]}
}

test_disable_wins_over_only if {
	not params.selected(_r) with data.dmaprep.params as {"only": ["FO203"], "disable": ["FO203"]}
}

test_null_lists_select_everything if {
	params.selected(_r) with data.dmaprep.params as {"only": null, "disable": null}
}

test_filtering_only_with_a_list if {
	not params.filtering
	not params.filtering with data.dmaprep.params as {"only": null, "disable": []}
	params.filtering with data.dmaprep.params as {"disable": ["FO203"]}
	params.filtering with data.dmaprep.params as {"only": ["FO101"]}
}
