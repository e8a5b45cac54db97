"""Realistic, deterministic seed data for local development, demos and load tests."""
