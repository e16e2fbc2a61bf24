"""Each result's JSON records, by family of results: one module's rows each (`json.FAMILIES`)."""
