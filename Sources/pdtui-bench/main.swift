// Benchmarks that print figures: `swift run -c release pdtui-bench <name>`. See README.
print("usage: pdtui-bench <benchmark>")
