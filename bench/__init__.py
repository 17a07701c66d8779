"""Performance benchmarks and the synthetic data they run on (see bench/README.md)."""
