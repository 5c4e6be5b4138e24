"""Plain-data analytics for the charts, one module per domain. No Qt, no drawing."""
