"""The demo nagari: deterministic synthetic data for training and benchmarks."""
