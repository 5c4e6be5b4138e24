"""Help-desk tools: diagnostics, support reports, import outcomes and the self-test. No Qt."""
