"""Presets: a whole nagari built from data files (profile, regions, population, users, every plugin's section)."""
