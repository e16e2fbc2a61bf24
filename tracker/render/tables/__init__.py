"""What goes in each result's table, by family of results: one module's rows each (`terminal.FAMILIES`)."""
