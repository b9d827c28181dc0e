"""Benchmarks against peers on real corpora; ``python -m bench`` runs them all."""
