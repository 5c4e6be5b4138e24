"""Charts: pure drawing functions (no Qt) and the ChartView widget that shows them."""
