"""Deployment: the nginx site, systemd units, and a local starter for tests and benchmarks."""
